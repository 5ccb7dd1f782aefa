/*
 * http_routes.h — the routes of the pages beyond sign-in, gathered from the
 * modules that serve them (each module's header defines its ROUTES_* rows:
 * method, path, handler, roles). Every route is also in the allow/deny
 * table of tests/test_http_authz.c.
 */
#ifndef KW_HTTP_ROUTES_H
#define KW_HTTP_ROUTES_H

#include "api_progress.h"
#include "api_register.h"
#include "api_v1.h"
#include "page_accident.h"
#include "page_concern.h"
#include "page_contract.h"
#include "page_day.h"
#include "page_family.h"
#include "page_group.h"
#include "page_keygroups.h"
#include "page_medicine.h"
#include "page_obs.h"
#include "page_outbox.h"
#include "page_policy.h"
#include "page_portal.h"
#include "page_records.h"
#include "page_rota.h"
#include "page_sen.h"
#include "page_sessions.h"
#include "page_retention.h"
#include "page_setup.h"
#include "page_welfare.h"

#define HTTP_ROUTES                                                                                \
	ROUTES_SETUP ROUTES_KEYGROUPS ROUTES_API ROUTES_DAY ROUTES_ROTA ROUTES_RECORDS             \
	    ROUTES_PORTAL ROUTES_OBS ROUTES_API_REGISTER ROUTES_CONCERN ROUTES_SEN                 \
	        ROUTES_API_PROGRESS ROUTES_MEDICINE ROUTES_ACCIDENT ROUTES_CONTRACT ROUTES_WELFARE \
	            ROUTES_FAMILY_DETAILS ROUTES_POLICY ROUTES_GROUP ROUTES_OUTBOX ROUTES_SESSIONS \
	                ROUTES_RETENTION

#endif
