import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="eyebrow">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Nothing here</h1>
      <p className="mt-2 text-muted">This page does not exist, or what it showed has been deleted.</p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <Link href="/" className="btn btn-primary">
          Start a new idea
        </Link>
        <Link href="/gallery" className="btn btn-secondary">
          See all images
        </Link>
      </div>
    </div>
  );
}
