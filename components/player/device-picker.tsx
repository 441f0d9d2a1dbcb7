"use client";

import { RefreshCwIcon } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import type { Player } from "./use-player";

/** Which Spotify device plays: the listener's devices, with a refresh for one just opened. */
export function DevicePicker({ player }: { player: Player }) {
  const id = useId();
  const { state, devices, deviceId, chooseDevice } = player;
  if (state.isPending) return <p className="text-xs text-muted-foreground">Looking for your Spotify devices…</p>;
  if (state.isError)
    return (
      <p role="alert" className="text-xs text-destructive">
        {state.error.message}{" "}
        <button type="button" className="underline underline-offset-2" onClick={() => void state.refetch()}>
          Try again
        </button>
      </p>
    );
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="text-xs font-medium text-muted-foreground">
        Play on
      </label>
      {devices.length === 0 ? (
        <span className="text-xs text-muted-foreground" data-testid="no-devices">
          No device found: open Spotify on a phone, computer or speaker.
        </span>
      ) : (
        <select
          id={id}
          data-testid="device-picker"
          value={deviceId}
          onChange={(event) => chooseDevice(event.target.value)}
          className="h-8 max-w-[14rem] rounded-md border bg-background px-2 text-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          {devices.map((device) => (
            <option key={device.id ?? device.name} value={device.id ?? ""} disabled={device.isRestricted || !device.id}>
              {device.name}
              {device.isActive ? " (active)" : ""}
              {device.isRestricted ? " (cannot be controlled)" : ""}
            </option>
          ))}
        </select>
      )}
      <Button
        type="button"
        size="icon"
        variant="ghost"
        className="size-8"
        onClick={() => void state.refetch()}
        disabled={state.isFetching}
        aria-label="Refresh devices"
        title="Refresh devices"
      >
        <RefreshCwIcon aria-hidden="true" className={state.isFetching ? "animate-spin" : undefined} />
      </Button>
    </div>
  );
}
