/* qf-category-picker.h — a button that chooses a category, searchable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define QF_TYPE_CATEGORY_PICKER (qf_category_picker_get_type ())

G_DECLARE_FINAL_TYPE (QfCategoryPicker, qf_category_picker, QF, CATEGORY_PICKER, GtkWidget)

GtkWidget *qf_category_picker_new             (void);
void       qf_category_picker_set_choices     (QfCategoryPicker *self,
                                               GPtrArray        *choices,
                                               const char       *none_label);
gint64     qf_category_picker_get_selected_id (QfCategoryPicker *self);
void       qf_category_picker_set_selected_id (QfCategoryPicker *self,
                                               gint64            id);
void       qf_category_picker_setup_drop_down (GtkDropDown      *drop_down);
void       qf_category_picker_set_search_placeholder
                                              (QfCategoryPicker *self,
                                               const char       *text);

G_END_DECLS
