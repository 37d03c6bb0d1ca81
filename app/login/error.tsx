"use client";

import { ErrorState } from "@/components/ui/ErrorState";

export default function LoginError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <div className="px-4">
      <ErrorState error={error} retry={retry} />
    </div>
  );
}
