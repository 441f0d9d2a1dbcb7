// Every kind registers itself on import: the runner knows them all wherever lib/jobs is loaded.
import "./cleanup-demo";
import "./drift-check";
import "./enrich-catalogue";
import "./evaluate-alerts";
import "./repair-segments";
import "./resolve-names";
import "./sync";
import "./train";
