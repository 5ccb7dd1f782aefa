/*
 * portal_text.h — the parent portal's fixed text as data: one catalogue per
 * language, keyed by message id (enum portal_msg). Every word the portal
 * shows a family that is not their own data comes from here, so a family
 * reads the portal in the language they chose (the contact's `language`).
 * English is the first language; Polish is shipped complete. A language
 * the catalogue lacks reads as English. tests/test_portal.c checks that
 * every shipped catalogue has every key, and that a page rendered in
 * Polish holds none of the English text.
 */
#ifndef KW_PORTAL_TEXT_H
#define KW_PORTAL_TEXT_H

#include <stddef.h>

enum portal_lang { PORTAL_EN, PORTAL_PL, PORTAL_LANG__MAX };

enum portal_msg {
	/* the frame */
	M_SKIP,
	M_SIGN_OUT,
	M_NAV_FAMILY,
	M_NAV_CONTACT,
	M_NAV_PASSWORD,
	M_PORTAL,
	/* the family page */
	M_YOUR_FAMILY,
	M_NO_CHILDREN,
	M_LANGUAGE,
	M_LANGUAGE_CHANGE,
	M_OPEN_CHILD,
	/* key person and buddy */
	M_KEY_AND_BUDDY,
	M_KEY_PERSON,
	M_BUDDY,
	M_TO_BE_CHOSEN,
	M_IN_THIS_WEEK,
	M_NOT_IN_THIS_WEEK,
	M_PHOTO_OF,
	M_TODAY,
	/* weekdays and months (a date: "Monday 2 March", "poniedziałek 2 marca") */
	M_MON,
	M_TUE,
	M_WED,
	M_THU,
	M_FRI,
	M_SAT,
	M_SUN,
	M_JAN,
	M_FEB,
	M_MAR,
	M_APR,
	M_MAY,
	M_JUN,
	M_JUL,
	M_AUG,
	M_SEP,
	M_OCT,
	M_NOV,
	M_DEC,
	/* the child's week */
	M_CHILD_WEEK,
	M_CHILD_NO_DAYS,
	M_NOT_COMING,
	M_CHANGED,
	/* diary */
	M_DIARY_TODAY,
	M_DIARY_NONE,
	M_DIARY_MEAL,
	M_DIARY_DRINK,
	M_DIARY_SLEEP,
	M_DIARY_NAPPY,
	M_DIARY_TOILET,
	M_DIARY_ACTIVITY,
	M_DIARY_MOOD,
	M_DIARY_NOTE,
	/* observations */
	M_OBSERVATIONS,
	M_OBS_NONE,
	M_OBS_BY,
	M_OBS_FROM_FAMILY,
	M_OBS_NEXT_STEPS,
	M_OBS_WITH,
	M_OBS_ANOTHER_CHILD,
	M_OBS_PHOTO,
	M_OBS_AREAS,
	M_OBS_OPEN,
	M_OBS_BACK,
	M_OBS_REPLIES,
	M_OBS_REPLY,
	M_OBS_REPLY_SEND,
	M_OBS_REPLY_THANKS,
	M_AREA_CL,
	M_AREA_PD,
	M_AREA_PSED,
	M_AREA_L,
	M_AREA_M,
	M_AREA_UW,
	M_AREA_EAD,
	/* wow moments */
	M_WOW,
	M_WOW_HINT,
	M_WOW_TEXT,
	M_WOW_SEND,
	M_WOW_THANKS,
	/* weekly updates */
	M_WEEKLY,
	M_WEEKLY_NONE,
	M_WEEK_OF,
	/* the progress check at two */
	M_TWO_YEAR,
	M_TWO_YEAR_NONE,
	M_TWO_YEAR_DATE,
	M_LEVEL_EXPECTED,
	M_LEVEL_LESS,
	M_LEVEL_ABOVE,
	M_STRENGTHS,
	M_TO_WATCH,
	M_WHAT_WE_DO,
	M_YOUR_VIEW,
	/* meetings */
	M_MEETINGS,
	M_MEETINGS_NONE,
	M_MEET_IN_PERSON,
	M_MEET_PHONE,
	M_MEET_VIDEO,
	M_MEET_WITH,
	/* messages */
	M_MESSAGES,
	M_MESSAGES_NONE,
	M_MESSAGE_WRITE,
	M_MESSAGE_SEND,
	M_MESSAGE_SENT,
	M_YOU,
	M_MESSAGE_WHO,
	M_MESSAGE_BUDDY_TODAY,
	/* absence */
	M_ABSENCE,
	M_ABSENCE_DATE,
	M_ABSENCE_REASON,
	M_ABSENCE_NOTE,
	M_ABSENCE_SEND,
	M_ABSENCE_THANKS,
	M_ABSENCES_COMING,
	M_REASON_ILLNESS,
	M_REASON_APPOINTMENT,
	M_REASON_HOLIDAY,
	M_REASON_FAMILY,
	M_REASON_OTHER,
	/* consents */
	M_CONSENTS,
	M_CONSENTS_HINT,
	M_CONSENT_GIVEN,
	M_CONSENT_REFUSED,
	M_CONSENT_WITHDRAWN,
	M_CONSENT_NONE_YET,
	M_CONSENT_GIVE,
	M_CONSENT_WITHDRAW,
	M_CONSENT_SINCE,
	M_K_PHOTOS,
	M_K_PHOTOS_OTHERS,
	M_K_HEALTH_VISITOR,
	M_K_NEXT_SETTING,
	M_K_OUTINGS,
	M_K_SUN_CREAM,
	M_K_FIRST_AID,
	M_K_MEDICINE,
	M_K_TRANSPORT,
	M_K_OTHER,
	/* contact details */
	M_CONTACT,
	M_CONTACT_HINT,
	M_PHONE,
	M_EMAIL,
	M_ADDRESS,
	M_METHOD,
	M_TIME,
	M_M_IN_PERSON,
	M_M_PHONE,
	M_M_TEXT,
	M_M_EMAIL,
	M_M_PORTAL,
	M_CONTACT_SEND,
	M_CONTACT_THANKS,
	M_CHANGES,
	M_CHANGE_PENDING,
	M_CHANGE_CONFIRMED,
	M_CHANGE_DECLINED,
	M_CHANGE_ASKED_ON,
	M_BACK,
	/* problems */
	M_ERR_TITLE,
	M_ERR_TEXT,
	M_ERR_DATE,
	M_ERR_REASON,
	M_ERR_ALREADY,
	M_ERR_FIELD,
	M_ERR_KIND,
	M_ERR_EMAIL,
	M_SEN_SHARED,
	/* settling in: the visits, and the family's view of each */
	M_SETTLING,
	M_SETTLING_HINT,
	M_SETTLING_PLAN,
	M_SETTLING_YOUR_VIEW,
	M_SETTLING_SAVE,
	M_SETTLING_THANKS,
	/* issue 9: the setting's policies, signed by the family, and notices */
	M_POLICIES,
	M_POLICIES_HINT,
	M_POLICY,
	M_POLICY_VERSION,
	M_POLICY_PUBLISHED,
	M_POLICY_YOUR_FAMILY,
	M_POLICY_TO_SIGN,
	M_POLICY_SIGNED_BY,
	M_POLICY_SIGN_TITLE,
	M_POLICY_SIGN_NAME,
	M_POLICY_SIGN_DATE,
	M_POLICY_SIGN,
	M_POLICY_SIGN_THANKS,
	M_POLICY_EARLIER,
	M_POLICY_NO_PR,
	M_POLICY_NONE,
	M_POLICY_ALL,
	M_POLICIES_TO_SIGN,
	M_POLICIES_ALL_SIGNED,
	M_ERR_SIGN_NAME,
	M_ERR_SIGN_DATE,
	M_ERR_SIGN_VERSION,
	M_NOTICES,
	M_NOTICES_NONE,
	M_NOTICE_NEW,
	M_NOTICE_FOR_ALL,
	M_NOTICE_FOR_ROOM,
	M__MAX
};

/* The language of a language code ("pl", "pl-PL", "en"…); English when the
 * catalogue has no such language. */
enum portal_lang portal_lang_of(const char *code);
/* The code of a language ("en", "pl") and its name in its own words. */
const char *portal_lang_code(enum portal_lang l);
const char *portal_lang_name(enum portal_lang l);
/* The text of msg in l: never NULL (English when a catalogue lacks it). */
const char *portal_text(enum portal_lang l, enum portal_msg msg);
/* The catalogue of l as shipped (may hold NULLs where a key is missing):
 * for the test that every key is there. */
const char *portal_text_raw(enum portal_lang l, enum portal_msg msg);

#endif
