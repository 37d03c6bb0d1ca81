import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { AppError } from "@/lib/errors";
import { requireUser } from "./current-user";

/**
 * For `[id]` pages: one query per request shared by generateMetadata and the page, and an
 * unknown id rendered as the not-found page instead of an error.
 */
export function detailPage<T>(get: (id: string) => Promise<T>, title: (row: T) => string) {
  const once = cache(get);
  return {
    async load(id: string): Promise<T> {
      await requireUser();
      try {
        return await once(id);
      } catch (err) {
        if (err instanceof AppError && err.status === 404) notFound();
        throw err;
      }
    },
    async generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
      // Metadata renders before the page: a title is data too, so it checks the session itself.
      await requireUser();
      const { id } = await params;
      try {
        return { title: title(await once(id)) };
      } catch {
        return {};
      }
    },
  };
}
