/* qf-grid.h — grids and their supervision groups (网格, domain.md §3, 003 六(一))
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "qf-store.h"

G_BEGIN_DECLS

/* 003 六(一): each grid's group has one to five supervisors. */
#define QF_GRID_MIN_SUPERVISORS 1
#define QF_GRID_MAX_SUPERVISORS 5
#define QF_GRID_NAME_MAX        64

/* What a grid's group lacks, as the grids view flags it. */
typedef enum
{
  QF_GRID_GAP_NONE        = 0,
  QF_GRID_GAP_LEADER      = 1 << 0,  /* no 组长 (the grid head) */
  QF_GRID_GAP_CADRE       = 1 << 1,  /* no cadre as 副组长 (一网格一专员) */
  QF_GRID_GAP_SUPERVISORS = 1 << 2,  /* fewer than one serving supervisor */
} QfGridGaps;

/* What the editor supplies. */
typedef struct
{
  char   *name;
  char   *leader;     /* 组长: the grid head (网格长), a name */
  gint64  cadre_id;   /* 副组长: the cadre stationed in the grid; 0: none yet */
} QfGridFields;

/* A grid as the grids view lists it. */
typedef struct
{
  gint64        id;
  QfGridFields *fields;
  char         *cadre_name;   /* the cadre's name, "" for none */
  char         *created_on;   /* YYYY-MM-DD */
  char         *retired_on;   /* YYYY-MM-DD, NULL while in use */
  GPtrArray    *members;      /* QfSupervisor: serving supervisors, by code */
} QfGrid;

QfGridFields *qf_grid_fields_new      (void);
QfGridFields *qf_grid_fields_copy     (const QfGridFields *fields);
void          qf_grid_fields_free     (QfGridFields       *fields);
gboolean      qf_grid_fields_validate (const QfGridFields *fields,
                                       GError            **error);
void          qf_grid_free            (QfGrid             *grid);
QfGridGaps    qf_grid_get_gaps        (const QfGrid       *grid);

GPtrArray    *qf_grid_list            (QfStore            *store,
                                       gboolean            include_retired,
                                       GError            **error);
gint64        qf_grid_find            (QfStore            *store,
                                       const char         *name,
                                       GError            **error);
QfGrid       *qf_grid_get             (QfStore            *store,
                                       gint64              id,
                                       GError            **error);
gint64        qf_grid_add             (QfStore            *store,
                                       const QfGridFields *fields,
                                       GError            **error);
gboolean      qf_grid_update          (QfStore            *store,
                                       gint64              id,
                                       const QfGridFields *fields,
                                       GError            **error);
gboolean      qf_grid_retire          (QfStore            *store,
                                       gint64              id,
                                       GError            **error);
gboolean      qf_grid_delete          (QfStore            *store,
                                       gint64              id,
                                       GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfGridFields, qf_grid_fields_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QfGrid, qf_grid_free)

G_END_DECLS
