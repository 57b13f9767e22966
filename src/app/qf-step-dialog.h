/* qf-step-dialog.h — asks for what a step of the ledger needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct
{
  const char         *title;
  const char         *initial;    /* nullable; for a choice, the index as text */
  gboolean            required;
  const char * const *choices;    /* nullable: a fixed list; the value is the index */
  gboolean            date;       /* a day, typed in any form the importer reads or picked
                                     in a calendar; the value is YYYY-MM-DD. A field whose
                                     initial value is a date is one too. */
} QfStepField;

/* Returns FALSE with @error set to keep the dialog's values and show why. */
typedef gboolean (*QfStepSubmitFunc) (char     **values,
                                      gpointer   user_data,
                                      GError   **error);

void qf_step_dialog_run (GtkWindow          *parent,
                         const char         *heading,
                         const char         *body,
                         const QfStepField  *fields,
                         guint               n_fields,
                         const char         *subject,
                         QfStepSubmitFunc    submit,
                         gpointer            user_data,
                         GDestroyNotify      destroy);

G_END_DECLS
