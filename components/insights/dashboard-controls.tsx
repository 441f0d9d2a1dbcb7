"use client";

/**
 * The dashboard's interactive leaves. The widgets are server components rendered from the URL
 * (`?range=6m&by=time`); these few client components change the URL and show that a new view is
 * on its way. A change is a client navigation inside a transition: the server renders the new
 * view while the current one stays on screen, dimmed and `aria-busy`, and Back restores the last.
 * Their buttons are also a plain GET form's, so one pressed before hydration loads the view anyway.
 */
import { useRouter } from "next/navigation";
import { createContext, use, useOptimistic, useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { dashboardSearch, type DashboardParams } from "@/lib/insights/client";
import { cn } from "@/lib/utils";
import { RangePicker } from "./range-picker";

interface DashboardNavigation {
  /** The view asked for: the URL's, or the one being loaded while a change is pending. */
  params: DashboardParams;
  pending: boolean;
  navigate: (next: DashboardParams) => void;
}

const NavigationContext = createContext<DashboardNavigation | null>(null);

function useDashboardNavigation(): DashboardNavigation {
  const navigation = use(NavigationContext);
  if (!navigation) throw new Error("Dashboard controls need a DashboardNavigationProvider around them.");
  return navigation;
}

/** Holds the pending state of a view change for the controls and the dimmed region under it. */
export function DashboardNavigationProvider({ params, children }: { params: DashboardParams; children: ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The pressed button follows the click at once, not when the new view arrives.
  const [shown, setShown] = useOptimistic(params);
  const navigate = (next: DashboardParams) => {
    const search = dashboardSearch(next);
    startTransition(() => {
      setShown(next);
      // The position on the page stays: only the widgets change.
      router.push(`/dashboard${search ? `?${search}` : ""}`, { scroll: false });
    });
  };
  return <NavigationContext value={{ params: shown, pending, navigate }}>{children}</NavigationContext>;
}

/** The widgets: dimmed and `aria-busy` while the next view loads, so the last one stays readable. */
export function DashboardBusy({ className, children }: { className?: string; children: ReactNode }) {
  const { pending } = useDashboardNavigation();
  return (
    <div aria-busy={pending} className={cn("transition-opacity", pending && "opacity-60", className)}>
      {children}
    </div>
  );
}

/** The range in words ("Last 4 weeks: 3 – 30 Nov 2026 · Europe/Berlin"), or "Updating…" while a change loads. */
export function RangeStatus({ children }: { children: ReactNode }) {
  const { pending } = useDashboardNavigation();
  return (
    <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="range-label">
      {pending ? "Updating…" : children}
    </p>
  );
}

/** The range picker, wired to the URL. */
export function DashboardRangePicker({ bounds }: { bounds: { fromDate: string; toDate: string } }) {
  const { params, navigate } = useDashboardNavigation();
  return <RangePicker params={params} onChange={navigate} bounds={bounds} action="/dashboard" />;
}

/**
 * A row of toggle buttons for one URL parameter (rank by, group by). `value` is what the view
 * shows (the server may coarsen a unit); while a change loads, the chosen option is pressed.
 */
export function ParamToggle<K extends "by" | "unit">({
  label,
  param,
  value,
  options,
}: {
  label: string;
  param: K;
  value: NonNullable<DashboardParams[K]>;
  options: Array<{ value: NonNullable<DashboardParams[K]>; label: string }>;
}) {
  const { params, pending, navigate } = useDashboardNavigation();
  const current = (pending ? params[param] : undefined) ?? value;
  // The view's other parameters, for the plain GET the buttons make before the page's script has run.
  const kept = [...new URLSearchParams(dashboardSearch(params))].filter(([name]) => name !== param);
  return (
    <form action="/dashboard" method="get" className="contents">
      {kept.map(([name, keptValue]) => (
        <input key={name} type="hidden" name={name} value={keptValue} />
      ))}
      <div role="group" aria-label={label} className="flex gap-1">
        {options.map((option) => (
          <Button
            key={option.value}
            type="submit"
            name={param}
            value={option.value}
            size="sm"
            variant={current === option.value ? "secondary" : "ghost"}
            aria-pressed={current === option.value}
            onClick={(event) => {
              event.preventDefault();
              navigate({ ...params, [param]: option.value });
            }}
          >
            {option.label}
          </Button>
        ))}
      </div>
    </form>
  );
}
