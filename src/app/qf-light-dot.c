/* qf-light-dot.c — the ledger's traffic light as a coloured dot before a text
 *
 * Every list that judges a deadline (problems, duties, visits) and every
 * flag column shows the same dot in the same colours, so a red means the
 * same thing on every page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "qf-light-dot.h"

static const char *
light_colour (QfLight light)
{
  switch (light)
    {
    case QF_LIGHT_RED:    return "#e01b24";
    case QF_LIGHT_YELLOW: return "#e5a50a";
    case QF_LIGHT_GREEN:  return "#2ec27e";
    case QF_LIGHT_NONE:
    default:              return NULL;
    }
}

/**
 * qf_light_dot_markup:
 * @text: (nullable): plain text
 * @small: (nullable): plain text shown smaller after it
 *
 * Returns: (transfer full): Pango markup, the dot first unless @light is
 *   %QF_LIGHT_NONE
 */
char *
qf_light_dot_markup (QfLight light, const char *text, const char *small)
{
  const char *colour = light_colour (light);
  GString *markup = g_string_new (NULL);

  if (colour != NULL)
    g_string_append_printf (markup, "<span foreground=\"%s\">●</span> ", colour);
  if (text != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      g_string_append (markup, escaped);
    }
  if (small != NULL && *small)
    {
      g_autofree char *escaped = g_markup_escape_text (small, -1);

      g_string_append_printf (markup, "  <small>%s</small>", escaped);
    }
  return g_string_free (markup, FALSE);
}

void
qf_light_dot_set (GtkInscription *cell, QfLight light, const char *text)
{
  g_autofree char *markup = qf_light_dot_markup (light, text, NULL);

  gtk_inscription_set_markup (cell, markup);
}
