/* i18n.h - gettext wrappers. Message ids are English; po/vi.po carries the
 * Vietnamese text, which is the default language of the program. */
#ifndef CANBO_I18N_H
#define CANBO_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Selects the UI language ("vi" or "en"; NULL or "" = Vietnamese) and binds
 * the message catalogue. Safe to call more than once. */
void i18n_init(const char *lang);

/* "vi" or "en": the language currently selected. */
const char *i18n_lang(void);

#endif
