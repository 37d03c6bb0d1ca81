import type { ReactNode } from "react";
import { getT } from "./get-lang";

/** A route's loading.tsx: a skeleton whose status label is in the request's language. */
export function loadingPage(render: (label: string) => ReactNode) {
  return async function Loading() {
    const { tr } = await getT();
    return render(tr("common.loading"));
  };
}
