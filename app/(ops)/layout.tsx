import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { QueryProvider } from "@/components/providers/query-provider";
import { currentSession } from "@/lib/auth";
import { currentListener } from "@/lib/listener";
import { currentOpsViewer } from "@/lib/ops";

/**
 * The operations page's frame: the app's shell, but only for those who may see the page; anyone
 * signed in who may not gets 404. The check
 * runs here, above every Suspense boundary, so anyone else gets a real 404 status (a `notFound()`
 * under the `(app)` group's loading state would answer 200 with the not-found page streamed in).
 */
export default async function OpsLayout({ children }: { children: ReactNode }) {
  await connection();
  // Nobody signed in goes to sign-in, as on every app page (the proxy sends most there first).
  if (!(await currentSession())) redirect("/sign-in?callbackUrl=%2Fops");
  const viewer = await currentOpsViewer();
  if (!viewer) notFound();
  const listener = await currentListener();
  if (!listener) notFound();
  return (
    <AppShell user={{ name: listener.displayName, isDemo: listener.isDemo, ops: true }}>
      <QueryProvider>{children}</QueryProvider>
    </AppShell>
  );
}
