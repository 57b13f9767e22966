/* qf-input.h — checks on what users type, shared by every editor and import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define QF_INPUT_ERROR (qf_input_error_quark ())

typedef enum
{
  QF_INPUT_ERROR_EMPTY,
  QF_INPUT_ERROR_TOO_LONG,
  QF_INPUT_ERROR_INVALID,
} QfInputError;

GQuark    qf_input_error_quark (void);
char     *qf_input_normalize   (const char  *text);
void      qf_input_normalize_in_place (char **text);
gboolean  qf_input_same_text   (const char  *a,
                                const char  *b);
gboolean  qf_input_check_text  (const char  *text,
                                const char  *field,
                                guint        max_chars,
                                gboolean     required,
                                GError     **error);

G_END_DECLS
