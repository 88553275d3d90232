/* UI text through gettext.  The source language (msgid) is Vietnamese; the
 * English catalogue po/en.po is compiled at build time when msgfmt is
 * there, and chosen by ui.language = en.  Core strings shown on screens
 * (state and action labels, field labels) go through _() too. */
#ifndef SANGTAO_UI_I18N_H
#define SANGTAO_UI_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Choose the language from config (after U.cfg is loaded). */
void i18n_init(void);

/* A workflow action label (wf_action_label) in the screen language: the
 * "action" context first, since some labels share their Vietnamese text
 * with a state ("Tạm dừng": Suspend / Suspended), then the plain msgid. */
const char *i18n_action(const char *label);

#endif
