/* qf-problem-editor.h — record, correct or register a problem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "qf-calendar.h"
#include "qf-problem.h"
#include "qf-store.h"

G_BEGIN_DECLS

typedef enum
{
  QF_PROBLEM_EDITOR_NEW,
  QF_PROBLEM_EDITOR_EDIT,         /* a registered problem: registration's fields stay filled */
  QF_PROBLEM_EDITOR_EDIT_FOUND,   /* a found problem: only the title and receipt needed */
  QF_PROBLEM_EDITOR_REGISTER,     /* 登记: found → registered */
} QfProblemEditorMode;

#define QF_TYPE_PROBLEM_EDITOR (qf_problem_editor_get_type ())
G_DECLARE_FINAL_TYPE (QfProblemEditor, qf_problem_editor, QF, PROBLEM_EDITOR, AdwWindow)

QfProblemEditor *qf_problem_editor_new (GtkWindow           *parent,
                                        QfStore             *store,
                                        QfCalendar          *calendar,
                                        QfProblem           *problem,
                                        QfProblemEditorMode  mode);

G_END_DECLS
