/* qf-audit-row.c — one row of the audit log and its words, as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-audit-row.h"

struct _QfAuditRow
{
  GObject             parent_instance;

  QfAuditEntry       *entry;
  QfAuditDescription *description;
};

G_DEFINE_FINAL_TYPE (QfAuditRow, qf_audit_row, G_TYPE_OBJECT)

static void
qf_audit_row_finalize (GObject *object)
{
  QfAuditRow *self = QF_AUDIT_ROW (object);

  qf_audit_entry_free (self->entry);
  qf_audit_description_free (self->description);

  G_OBJECT_CLASS (qf_audit_row_parent_class)->finalize (object);
}

static void
qf_audit_row_class_init (QfAuditRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qf_audit_row_finalize;
}

static void
qf_audit_row_init (QfAuditRow *self)
{
}

/**
 * qf_audit_row_new_take:
 * @entry: (transfer full): the row as the log holds it
 * @description: (transfer full): the row in words
 */
QfAuditRow *
qf_audit_row_new_take (QfAuditEntry *entry, QfAuditDescription *description)
{
  QfAuditRow *self;

  g_return_val_if_fail (entry != NULL && description != NULL, NULL);

  self = g_object_new (QF_TYPE_AUDIT_ROW, NULL);
  self->entry = entry;
  self->description = description;
  return self;
}

const QfAuditEntry *
qf_audit_row_get_entry (QfAuditRow *self)
{
  g_return_val_if_fail (QF_IS_AUDIT_ROW (self), NULL);

  return self->entry;
}

const QfAuditDescription *
qf_audit_row_get_description (QfAuditRow *self)
{
  g_return_val_if_fail (QF_IS_AUDIT_ROW (self), NULL);

  return self->description;
}
