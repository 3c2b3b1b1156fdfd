/* eval_finding.c - what a finding of the checks on a year's ratings is
 * about and what it says: one wording shared by `canbo ratings check`, the
 * organisations screen and the breakdown by rating, so the three never
 * disagree.
 */
#include "eval_store.h"

#include <stdio.h>

#include "i18n.h"
#include "model.h"

int eval_finding_grade(const eval_finding *f)
{
	switch (f->check) {
	case EVAL_CHECK_CAP: /* counts the cadres an organisation rated excellent */
	case EVAL_CHECK_REMEDIATION:
		return 1;
	case EVAL_CHECK_FAILED_TWICE:
		return f->org ? 0 : 4;
	case EVAL_CHECK_DIFFERS:
		return f->org || f->b < 1 || f->b > EVAL_GRADES ? 0 : f->b;
	default:
		return 0;
	}
}

void eval_finding_detail(const eval_finding *f, const eval_rules *r, char *buf, size_t cap)
{
	switch (f->check) {
	case EVAL_CHECK_CAP:
		snprintf(buf, cap,
			 r->cap_base == EVAL_CAP_GOOD
				 ? _("%d excellent, %d good: %d %% allows %d")
				 : _("%d excellent of %d good or better: %d %% allows %d"),
			 f->a, f->b, r->cap_percent, eval_cap_allowed(r, f->b));
		break;
	case EVAL_CHECK_REMEDIATION:
		snprintf(buf, cap,
			 _("%d of %d items of last year's plan not remedied and verified"), f->a,
			 f->b);
		break;
	case EVAL_CHECK_FAILED_TWICE:
		snprintf(buf, cap, "%s", _("Did not complete duties this year and last year"));
		break;
	default:
		snprintf(buf, cap, _("proposed: %s; decided: %s"), model_label(ENUM_GRADE, f->a),
			 model_label(ENUM_GRADE, f->b));
	}
}
