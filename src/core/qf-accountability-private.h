/* qf-accountability-private.h — accountability records, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-accountability.h"

G_BEGIN_DECLS

/* The kind as the database stores it ("criticism" …). */
const char *qf_accountability_kind_to_string (QfAccountabilityKind kind);

G_END_DECLS
