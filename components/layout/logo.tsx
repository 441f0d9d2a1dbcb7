import Link from "next/link";
import { cn } from "@/lib/utils";

/** The logo mark, drawn by CSS (`logo-mark`, globals.css): one element on every page, not an SVG tree. */
export function LogoMark({ className }: { className?: string }) {
  return <i aria-hidden="true" className={cn("logo-mark", className)} />;
}

export function Logo({ href = "/", className }: { href?: "/" | "/dashboard"; className?: string }) {
  return (
    <Link href={href} className={cn("inline-flex items-center gap-2 rounded-md font-semibold tracking-tight", className)}>
      <LogoMark />
      <span>EchoTune</span>
    </Link>
  );
}
