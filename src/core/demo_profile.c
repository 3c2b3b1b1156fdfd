/* demo_profile.c - the demo's cadres: religion, academic title, general
 * education, state management, foreign language and IT level (the coded
 * lists of lists.ini), drawn from a stream of their own so that the
 * people and their records stay as they were drawn before these fields.
 *
 * The shares are plausible for a southern province's leaders, not
 * figures of any real one: most record no religion, Khmer cadres mostly
 * Buddhism; general education 12/12 but for some older cadres schooled in
 * the ten-year system; state management and languages rising with the
 * post; academic titles only among doctors. A code the list in force does
 * not have (an office's own lists.ini) is left not recorded.
 */
#include "demo.h"

#include <string.h>

#include "model.h"

/* A code drawn by weights per mille (the rest: not recorded). */
typedef struct share {
	int code, per_mille;
} share;

static int draw(demo_rng *r, const share *s, size_t n)
{
	int x = (int)demo_rng_below(r, 1000);
	for (size_t i = 0; i < n; i++) {
		if (x < s[i].per_mille)
			return s[i].code;
		x -= s[i].per_mille;
	}
	return 0;
}

#define DRAW(r, s) draw((r), (s), sizeof(s) / sizeof(s)[0])

static int known(enum model_enum e, int code)
{
	int n;
	const model_choice *ch = model_choices(e, &n);
	return code && choice_find(ch, n, code) ? code : 0;
}

static const share religion_most[] = {{1, 880}, {2, 70}, {3, 20}, {5, 15}, {6, 10}, {99, 5}};
static const share religion_khmer[] = {{2, 700}, {1, 300}};
static const share general_older[] = {{1, 800}, {5, 150}, {6, 30}, {4, 20}};
static const share general_younger[] = {{1, 980}, {2, 10}, {3, 10}};
/* by rank group: secretaries; chairs; directors; heads of department */
static const share state_mgmt[4][3] = {
	{{3, 600}, {2, 350}, {1, 50}},
	{{3, 300}, {2, 500}, {1, 150}},
	{{3, 100}, {2, 550}, {1, 300}},
	{{3, 0}, {2, 300}, {1, 500}},
};
static const share language[] = {{3, 650}, {4, 120}, {2, 80}, {5, 30}, {6, 5}};
static const share it[] = {{1, 720}, {2, 120}, {3, 50}, {4, 20}, {5, 30}};
static const share title_doctor[] = {{1, 80}, {2, 10}};

void demo_profile(demo_rng *r, cadre *cd, int age)
{
	int group = cd->pos_rank <= 2 ? 0 : cd->pos_rank <= 4 ? 1 : cd->pos_rank <= 6 ? 2 : 3;

	cd->religion =
		known(ENUM_RELIGION, strcmp(cd->ethnicity, "Khmer") == 0 ? DRAW(r, religion_khmer)
									 : DRAW(r, religion_most));
	cd->general_edu = known(ENUM_GENERAL_EDU,
				age >= 55 ? DRAW(r, general_older) : DRAW(r, general_younger));
	cd->state_mgmt = known(ENUM_STATE_MGMT, DRAW(r, state_mgmt[group]));
	cd->language = known(ENUM_LANGUAGE, DRAW(r, language));
	cd->it_level = known(ENUM_IT_LEVEL, DRAW(r, it));
	cd->acad_title = cd->education == 6 ? known(ENUM_ACAD_TITLE, DRAW(r, title_doctor)) : 0;
}
