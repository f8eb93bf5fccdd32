/** Dotted paths Django's deploy checks match exactly (no subclasses, no AppConfig paths). */
export const SECURITY_MIDDLEWARE = 'django.middleware.security.SecurityMiddleware';
export const CSRF_MIDDLEWARE = 'django.middleware.csrf.CsrfViewMiddleware';
export const CLICKJACKING_MIDDLEWARE = 'django.middleware.clickjacking.XFrameOptionsMiddleware';
export const SESSION_MIDDLEWARE = 'django.contrib.sessions.middleware.SessionMiddleware';
export const SESSION_APP = 'django.contrib.sessions';
