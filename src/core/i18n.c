/* i18n.c - message catalogue selection.
 *
 * Vietnamese is the default even when the user's locale says nothing about
 * language (LANG=C on an old server): gettext ignores LANGUAGE in the "C"
 * locale, so messages are then looked up under C.UTF-8, which every Debian 12
 * system has. The catalogue is searched next to the binary first (a build
 * tree: build/locale), then in the installed locale directory.
 */
#include "i18n.h"

#include "trust.h"

#include <limits.h>
#include <langinfo.h>
#include <stdint.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef CANBO_LOCALEDIR
#define CANBO_LOCALEDIR "/usr/local/share/locale"
#endif

static char current_lang[8] = "vi";

/* glibc counts every change of locale, text domain or catalogue binding
 * (the counter GNU gettext documents for this use) */
extern int _nl_msg_cat_cntr;

/* Remembered translations, one slot per (message, address) hash. A slot
 * holds the message's address and a hash of its text, so a buffer whose
 * text changed since is looked up again, never answered from memory.
 * Each thread has its own (an import reads its file on two). */
enum { TEXT_SLOTS = 2048 };
static _Thread_local struct text_slot {
	const char *msgid;
	uint64_t hash;
	char *text;
} text_slots[TEXT_SLOTS];
static _Thread_local int text_generation = -1;
static _Thread_local bool texts_held; /* a slot was filled since the last forget_texts */

/* Start-up sets the locale and the catalogue two or three times before
 * the first message: the 48 KiB of slots are cleared only when they hold
 * something. */
static void forget_texts(void)
{
	if (texts_held)
		memset(text_slots, 0, sizeof text_slots);
	texts_held = false;
	text_generation = _nl_msg_cat_cntr;
}

char *i18n_text(const char *msgid)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	struct text_slot *slot;

	if (!msgid)
		return NULL;
	if (text_generation != _nl_msg_cat_cntr)
		forget_texts();
	for (const unsigned char *p = (const unsigned char *)msgid; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	slot = &text_slots[(h ^ (uint64_t)(uintptr_t)msgid) % TEXT_SLOTS];
	if (slot->msgid != msgid || slot->hash != h) {
		slot->text = gettext(msgid);
		slot->msgid = msgid;
		slot->hash = h;
		texts_held = true;
	}
	return slot->text;
}

static const char *locale_dir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	const char *env = getenv("CANBO_LOCALEDIR");

	/* installed setgid, translations come from the installed place only:
	 * a message catalogue is a list of format strings (trust.h) */
	if (trust_privileged())
		return CANBO_LOCALEDIR;
	if (env && *env)
		return env;
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(dir, sizeof dir, "%s/locale/vi/LC_MESSAGES/canbo.mo", exe);
			if (access(dir, R_OK) == 0) {
				snprintf(dir, sizeof dir, "%s/locale", exe);
				return dir;
			}
		}
	}
	return CANBO_LOCALEDIR;
}

void i18n_init(const char *lang)
{
	const char *messages;

	if (!lang || !*lang)
		lang = "vi";
	snprintf(current_lang, sizeof current_lang, "%s", strcmp(lang, "en") == 0 ? "en" : "vi");
	setenv("LANGUAGE", current_lang, 1);
	messages = setlocale(LC_MESSAGES, NULL);
	if (!messages || strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	bindtextdomain("canbo", locale_dir());
	bind_textdomain_codeset("canbo", "UTF-8");
	textdomain("canbo");
	forget_texts();
}

static bool locale_variable_set(void)
{
	static const char *const names[] = {"LC_ALL", "LC_CTYPE", "LANG"};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const char *v = getenv(names[i]);
		if (v && *v)
			return true;
	}
	return false;
}

/* Only the two categories canbo reads: the others would each be one more
 * file to load at every start (twelve in all, a millisecond of a `find`
 * under C.UTF-8), and LC_NUMERIC would turn the decimal point of a CSV or
 * JSON number into the user's comma. */
void i18n_setlocale(void)
{
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	if (!locale_variable_set())
		setlocale(LC_CTYPE, "C.UTF-8");
	forget_texts();
}

bool i18n_locale_is_ascii(void)
{
	const char *cs = nl_langinfo(CODESET);

	return !cs || strcmp(cs, "UTF-8") != 0;
}

const char *i18n_lang(void)
{
	return current_lang;
}
