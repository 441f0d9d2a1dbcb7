import Link from "next/link";
import { cn } from "@/lib/utils";

export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={cn("size-7", className)}>
      <rect width="32" height="32" rx="9" className="fill-primary" />
      <path
        d="M8 19.5c2.2-5 5-7.5 8-7.5s5.8 2.5 8 7.5M11.5 21c1.3-2.6 2.8-4 4.5-4s3.2 1.4 4.5 4"
        fill="none"
        className="stroke-primary-foreground"
        strokeWidth="2.4"
        strokeLinecap="round"
      />
      <circle cx="16" cy="22.5" r="1.8" className="fill-primary-foreground" />
    </svg>
  );
}

export function Logo({ href = "/", className }: { href?: "/" | "/dashboard"; className?: string }) {
  return (
    <Link href={href} className={cn("inline-flex items-center gap-2 rounded-md font-semibold tracking-tight", className)}>
      <LogoMark />
      <span>EchoTune</span>
    </Link>
  );
}
