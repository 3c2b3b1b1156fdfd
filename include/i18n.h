/* i18n.h - gettext wrappers. Message ids are English; po/vi.po carries the
 * Vietnamese text, which is the default language of the program. */
#ifndef CANBO_I18N_H
#define CANBO_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Selects the UI language ("vi" or "en"; NULL or "" = Vietnamese) and binds
 * the message catalogue. Safe to call more than once. */
void i18n_init(const char *lang);

/* Sets the locale from the environment. When no locale variable is set at
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
