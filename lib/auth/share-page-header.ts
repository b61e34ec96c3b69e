/**
 * The request header proxy.ts sets on a share link's page (`/s/<token>`), after removing any a
 * client sent: the root layout reads it to leave the site's navigation out of that page.
 */
export const SHARE_PAGE_HEADER = "x-promptsmith-share-page";
