import { errorMeaning, type ShownError } from "@/lib/client/api-error";

/**
 * An error where it happened: the code's plain meaning as the headline, the server's
 * message under it (when it says more), announced at once (role alert).
 */
export function ErrorAlert({
  error,
  action,
  className = "",
}: {
  error: ShownError;
  action?: string;
  className?: string;
}) {
  const meaning = errorMeaning(error.code);
  const detail = error.message && error.message !== meaning ? error.message : null;
  return (
    <div role="alert" className={`rounded-lg border border-danger/40 bg-danger-soft px-3 py-2 text-sm ${className}`}>
      <p className="font-semibold text-danger">
        {action ? `${action}: ` : ""}
        {meaning}
      </p>
      {detail ? <p className="mt-0.5 text-ink">{detail}</p> : null}
    </div>
  );
}
