"use client";

import { RotateCwIcon } from "lucide-react";
import { Button } from "@/components/ui/button";

export function RetryButton({ label = "Try again" }: { label?: string }) {
  return (
    <Button onClick={() => window.location.reload()}>
      <RotateCwIcon aria-hidden="true" />
      {label}
    </Button>
  );
}
