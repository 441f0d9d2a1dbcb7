/** `npm run icons`: writes app/icons.css from lucide-react's icon data (see scripts/lib/icons.ts). */
import { writeFileSync } from "node:fs";
import { iconsCss } from "./lib/icons.ts";

writeFileSync("app/icons.css", iconsCss());
console.log("wrote app/icons.css");
