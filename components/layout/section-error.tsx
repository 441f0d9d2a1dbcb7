"use client";

import { AlertTriangleIcon } from "lucide-react";
import { useEffect } from "react";
import { EmptyState } from "@/components/layout/empty-state";
import { Button } from "@/components/ui/button";

/** A segment's error boundary: what failed, that nothing is lost, and a way to try again. */
export function SectionError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert">
      <EmptyState Icon={AlertTriangleIcon} title="This section could not load" actions={<Button onClick={reset}>Try again</Button>}>
        <p>Something went wrong while loading it. Your data is safe; try again in a moment.</p>
        {error.digest ? <p className="mt-2 font-mono text-xs">Reference: {error.digest}</p> : null}
      </EmptyState>
    </div>
  );
}
