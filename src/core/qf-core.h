/* qf-core.h — everything the app and the command-line tool use from the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "qf-accountability.h"
#include "qf-assessment.h"
#include "qf-audit.h"
#include "qf-cadre.h"
#include "qf-calendar.h"
#include "qf-date.h"
#include "qf-demo.h"
#include "qf-export.h"
#include "qf-import.h"
#include "qf-scoring.h"
#include "qf-handout.h"
#include "qf-i18n.h"
#include "qf-input.h"
#include "qf-ledger.h"
#include "qf-meeting.h"
#include "qf-office-calendar.h"
#include "qf-org-unit.h"
#include "qf-organisation.h"
#include "qf-period.h"
#include "qf-problem.h"
#include "qf-problem-list.h"
#include "qf-rate.h"
#include "qf-report.h"
#include "qf-store.h"
#include "qf-supervisor.h"
#include "qf-warning-letter.h"
#include "qf-workbook.h"
