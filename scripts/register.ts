import { register } from "node:module";

register("./lib/resolve-hooks.ts", import.meta.url);
