"use client";

import { SectionError } from "@/components/layout/section-error";

export default SectionError;
