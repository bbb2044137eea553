/** Messenger and Instagram serve attachments from Facebook's CDNs (signed, expiring URLs). */
export const META_PAGE_MEDIA_HOSTS = ['fbcdn.net', 'fbsbx.com', 'facebook.com', 'cdninstagram.com'] as const;
