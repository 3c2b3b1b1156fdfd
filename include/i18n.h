/* i18n.h - gettext wrappers. Message ids are English; po/vi.po carries the
 * Vietnamese text, which is the default language of the program. */
#ifndef CANBO_I18N_H
#define CANBO_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define _(s)  i18n_text(s)
#define N_(s) (s)

/* gettext(msgid), remembered: a message looked up once is found again
 * without gettext's search (which reads the environment and the locale
 * on every call - a per-row label in a 100 000-row import costs whole
 * seconds). Forgotten when the language or the catalogue changes. */
char *i18n_text(const char *msgid) __attribute__((format_arg(1)));

/* Selects the UI language ("vi" or "en"; NULL or "" = Vietnamese) and binds
 * the message catalogue. Safe to call more than once. */
void i18n_init(const char *lang);

/* Sets the character type and the messages' locale from the environment
 * (numbers, dates and sorting stay canbo's own). When no locale variable is set at
 * all (minimal systems, containers, many SSH logins), the character type is
 * taken as C.UTF-8: terminals today are UTF-8, and a user who has chosen
 * nothing should not get Vietnamese without its marks. A locale the user
 * did choose (LANG=C, a legacy charset) is respected. */
void i18n_setlocale(void);

/* True when the user chose a locale whose characters are not UTF-8, so
 * Vietnamese is shown without its marks; the interface says why. */
bool i18n_locale_is_ascii(void);

/* "vi" or "en": the language currently selected. */
const char *i18n_lang(void);

#endif
