/**
 * Where a MongoDB measurement's time goes, from the driver's command monitoring: every command
 * tallied by what it did, to which collection, selected by which fields (never their values).
 */
import type { MongoClient } from "mongodb";

export type CommandTallies = Record<string, { count: number; ms: number }>;

/** "update rollups {_id}": a command's name, its collection, and its filter's top-level fields. */
export function commandShape(name: string, command: Record<string, unknown>): string {
  const target = typeof command[name] === "string" ? ` ${String(command[name])}` : "";
  const statements = (command.updates ?? command.deletes) as Array<{ q?: object }> | undefined;
  const filter = (command.filter ?? statements?.[0]?.q) as object | undefined;
  return `${name}${target}${filter ? ` {${Object.keys(filter).join(",")}}` : ""}`;
}

/** Tallies every command `client` sends into `tallies`; the client needs `monitorCommands: true`. */
export function tallyCommands(client: MongoClient, tallies: CommandTallies): void {
  const shapes = new Map<number, string>();
  client.on("commandStarted", (event) => shapes.set(event.requestId, commandShape(event.commandName, event.command)));
  const done = (event: { requestId: number; duration: number }) => {
    const shape = shapes.get(event.requestId) ?? "?";
    shapes.delete(event.requestId);
    const tally = (tallies[shape] ??= { count: 0, ms: 0 });
    tally.count += 1;
    tally.ms += event.duration;
  };
  client.on("commandSucceeded", done);
  client.on("commandFailed", done);
}

/** The tallies as table lines, the most time first; concurrent commands' times overlap. */
export function formatTallies(tallies: CommandTallies, limit = 12): string[] {
  const sorted = Object.entries(tallies).sort(([, a], [, b]) => b.ms - a.ms);
  const total = sorted.reduce((sum, [, tally]) => sum + tally.ms, 0);
  return [
    `${(total / 1000).toFixed(2)} s in commands (round trips, summed: concurrent ones overlap)`,
    ...sorted
      .slice(0, limit)
      .map(
        ([shape, tally]) =>
          `  ${shape.padEnd(48)}${String(tally.count).padStart(7)}x${`${(tally.ms / 1000).toFixed(2)} s`.padStart(10)}${`${(tally.ms / tally.count).toFixed(1)} ms`.padStart(11)}`,
      ),
  ];
}
