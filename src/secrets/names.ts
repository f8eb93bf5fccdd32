/** Names whose value is a credential: `*_KEY`, `*_SECRET`, `*_TOKEN`, `*PASSWORD*`, … */
const SECRET_NAME = /(?:^|[_.-])(?:KEY|SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|PWD|PASS|CREDENTIALS?|AUTH|APIKEY|PRIVATE_KEY|SIGNING_KEY|DSN)(?:$|[_.-])|PASSWORD|SECRET|APIKEY|TOKEN$/i;

/** Secret-looking names that hold identifiers, paths or public material, not secrets. */
const NOT_SECRET_NAME = /(?:PUBLIC|PUBLISHABLE|_ID$|^ID$|KEY_?ID|_NAME$|_FILE$|_PATH$|_DIR$|_URL$|_URI$|_HOST$|_PORT$|_USER(?:NAME)?$|_PREFIX$|_HEADER$|_COOKIE|_FIELD|_LENGTH$|_TIMEOUT|_EXPIR|_AGE$|_ALGORITHM|_BACKEND$|_CLASS$|_FUNC|_TYPE$|_VERSION$|_REGION$|_ENABLED$|_MIN_|_MAX_|_VALIDATORS$|CSRF|KEY_FUNCTION|KEY_PREFIX|SITE_KEY|RECAPTCHA_PUBLIC|TOKEN_LIFETIME|KEYBOARD|MONKEY|PASSWORD_RESET|PASSWORD_HASHERS|PASSWORD_CHANGE|AUTH_USER_MODEL|AUTH_PASSWORD_VALIDATORS|AUTHENTICATION_BACKENDS|_KEYS?_URL|CACHE_KEY|LOCK_KEY|KEY_TEMPLATE|_ADDRESS$|_PATTERN$|_REGEX$|_RE$|_CHARS$|_TEMPLATE$|_URL_NAME|_FORMAT$|_CHOICES$|_AUDIENCE$|_ERROR$|_MESSAGE$|_EVENT$)/i;

/** Names that hold a password (judged without the entropy bar: passwords are often words and digits). */
const PASSWORD_NAME = /PASSWORD|PASSWD|PASSPHRASE|(?:^|_)PWD$|_PASS$/i;

/** The name of a Django secret key (SECRET_KEY, DJANGO_SECRET_KEY, …). */
export function isDjangoSecretKeyName(name: string): boolean {
  return /^(?:DJANGO_)?SECRET_KEY$/i.test(name);
}

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name);
}

export function isPasswordName(name: string): boolean {
  return isSecretName(name) && PASSWORD_NAME.test(name);
}
