/** Rows per page of the CRM lists (server and browser alike). */
export const DOCUMENTS_PAGE = 25;
export const CALLS_PAGE = 25;

export const documentHref = (id: string) => `/documents/${encodeURIComponent(id)}`;
