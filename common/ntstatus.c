/*
 * common/ntstatus.c - the NTSTATUS table: name, NTSTATUS message text, the
 * Win32 error each code maps to, its name and message text ([MS-ERREF]
 * 2.3.1 NTSTATUS values, 2.2 Win32 error codes).
 *
 * What it holds: every code of tests/data/vectors/errors.json plus the
 * codes an NT4 domain controller emulator meets on LSA, SAMR, NETLOGON and
 * SMB paths.  It does not try to be complete; an unknown code is printed as
 * hex by ntstatus_name().
 *
 * Where the facts come from (nothing here is paraphrased):
 *   - codes, names and NTSTATUS texts: [MS-ERREF] 2.3.1, as carried by
 *     impacket 0.10.0 nt_errors.py (the same source as errors.json);
 *   - the NTSTATUS -> Win32 mapping: Samba's copy of the Windows table
 *     (ntstatus_to_werror of libsamba-errors 4.17), except
 *     STATUS_DOWNGRADE_DETECTED, which Samba does not map and which Windows
 *     (RtlNtStatusToDosError) maps to ERROR_DOWNGRADE_DETECTED 1265;
 *   - Win32 names and texts: [MS-ERREF] 2.2 / winerror.h, as carried by
 *     impacket 0.10.0 system_errors.py.
 * Texts are today's wording; NT4 showed slightly older wording for a few
 * (e.g. ERROR_LOGON_FAILURE).  Compare codes, not texts.
 *
 * Invariant: ntstatus_table is sorted by code with no duplicates, so
 * ntstatus_lookup() is a binary search; tests/check_ntstatus.c checks the
 * order.  Name lookups (ntstatus_parse) are linear: they serve the command
 * line, not the wire.
 */
#include "ntstatus.h"

#include <stdio.h>
#include <string.h>

#include "hex.h"

/* Sorted by code (see the invariant above). */
/* clang-format off */
static const struct ntstatus_info ntstatus_table[] = {
	{ 0x00000000u, "STATUS_SUCCESS",
	  "The operation completed successfully.",
	  0u, "ERROR_SUCCESS",
	  "The operation completed successfully." },
	{ 0x00000105u, "STATUS_MORE_ENTRIES",
	  "Returned by enumeration APIs to indicate more information "
	  "is available to successive calls.",
	  234u, "ERROR_MORE_DATA",
	  "More data is available." },
	{ 0x00000107u, "STATUS_SOME_NOT_MAPPED",
	  "Some of the information to be translated has not been "
	  "translated.",
	  1301u, "ERROR_SOME_NOT_MAPPED",
	  "Some mapping between account names and security IDs was "
	  "not done." },
	{ 0x80000005u, "STATUS_BUFFER_OVERFLOW",
	  "{Buffer Overflow} The data was too large to fit into the "
	  "specified buffer.",
	  234u, "ERROR_MORE_DATA",
	  "More data is available." },
	{ 0x8000001Au, "STATUS_NO_MORE_ENTRIES",
	  "{No More Entries} No more entries are available from an "
	  "enumeration operation.",
	  259u, "ERROR_NO_MORE_ITEMS",
	  "No more data is available." },
	{ 0xC0000001u, "STATUS_UNSUCCESSFUL",
	  "{Operation Failed} The requested operation was "
	  "unsuccessful.",
	  31u, "ERROR_GEN_FAILURE",
	  "A device attached to the system is not functioning." },
	{ 0xC0000002u, "STATUS_NOT_IMPLEMENTED",
	  "{Not Implemented} The requested operation is not "
	  "implemented.",
	  1u, "ERROR_INVALID_FUNCTION",
	  "Incorrect function." },
	{ 0xC0000003u, "STATUS_INVALID_INFO_CLASS",
	  "{Invalid Parameter} The specified information class is "
	  "not a valid information class for the specified object.",
	  87u, "ERROR_INVALID_PARAMETER",
	  "The parameter is incorrect." },
	{ 0xC0000004u, "STATUS_INFO_LENGTH_MISMATCH",
	  "The specified information record length does not match "
	  "the length that is required for the specified information "
	  "class.",
	  24u, "ERROR_BAD_LENGTH",
	  "The program issued a command but the command length is "
	  "incorrect." },
	{ 0xC0000008u, "STATUS_INVALID_HANDLE",
	  "An invalid HANDLE was specified.",
	  6u, "ERROR_INVALID_HANDLE",
	  "The handle is invalid." },
	{ 0xC000000Du, "STATUS_INVALID_PARAMETER",
	  "An invalid parameter was passed to a service or function.",
	  87u, "ERROR_INVALID_PARAMETER",
	  "The parameter is incorrect." },
	{ 0xC0000017u, "STATUS_NO_MEMORY",
	  "{Not Enough Quota} Not enough virtual memory or paging "
	  "file quota is available to complete the specified "
	  "operation.",
	  8u, "ERROR_NOT_ENOUGH_MEMORY",
	  "Not enough storage is available to process this command." },
	{ 0xC0000022u, "STATUS_ACCESS_DENIED",
	  "{Access Denied} A process has requested access to an "
	  "object but has not been granted those access rights.",
	  5u, "ERROR_ACCESS_DENIED",
	  "Access is denied." },
	{ 0xC0000023u, "STATUS_BUFFER_TOO_SMALL",
	  "{Buffer Too Small} The buffer is too small to contain the "
	  "entry. No information has been written to the buffer.",
	  122u, "ERROR_INSUFFICIENT_BUFFER",
	  "The data area passed to a system call is too small." },
	{ 0xC0000024u, "STATUS_OBJECT_TYPE_MISMATCH",
	  "{Wrong Type} There is a mismatch between the type of "
	  "object that is required by the requested operation and "
	  "the type of object that is specified in the request.",
	  6u, "ERROR_INVALID_HANDLE",
	  "The handle is invalid." },
	{ 0xC0000033u, "STATUS_OBJECT_NAME_INVALID",
	  "The object name is invalid.",
	  123u, "ERROR_INVALID_NAME",
	  "The filename, directory name, or volume label syntax is "
	  "incorrect." },
	{ 0xC0000034u, "STATUS_OBJECT_NAME_NOT_FOUND",
	  "The object name is not found.",
	  2u, "ERROR_FILE_NOT_FOUND",
	  "The system cannot find the file specified." },
	{ 0xC0000035u, "STATUS_OBJECT_NAME_COLLISION",
	  "The object name already exists.",
	  183u, "ERROR_ALREADY_EXISTS",
	  "Cannot create a file when that file already exists." },
	{ 0xC000003Au, "STATUS_OBJECT_PATH_NOT_FOUND",
	  "{Path Not Found} The path %hs does not exist.",
	  3u, "ERROR_PATH_NOT_FOUND",
	  "The system cannot find the path specified." },
	{ 0xC0000058u, "STATUS_UNKNOWN_REVISION",
	  "Indicates a revision number that was encountered or "
	  "specified is not one that is known by the service. It may "
	  "be a more recent revision than the service is aware of.",
	  1305u, "ERROR_UNKNOWN_REVISION",
	  "The revision level is unknown." },
	{ 0xC0000059u, "STATUS_REVISION_MISMATCH",
	  "Indicates that two revision levels are incompatible.",
	  1306u, "ERROR_REVISION_MISMATCH",
	  "Indicates two revision levels are incompatible." },
	{ 0xC000005Eu, "STATUS_NO_LOGON_SERVERS",
	  "No logon servers are currently available to service the "
	  "logon request.",
	  1311u, "ERROR_NO_LOGON_SERVERS",
	  "There are currently no logon servers available to service "
	  "the logon request." },
	{ 0xC000005Fu, "STATUS_NO_SUCH_LOGON_SESSION",
	  "A specified logon session does not exist. It may already "
	  "have been terminated.",
	  1312u, "ERROR_NO_SUCH_LOGON_SESSION",
	  "A specified logon session does not exist. It may already "
	  "have been terminated." },
	{ 0xC0000060u, "STATUS_NO_SUCH_PRIVILEGE",
	  "A specified privilege does not exist.",
	  1313u, "ERROR_NO_SUCH_PRIVILEGE",
	  "A specified privilege does not exist." },
	{ 0xC0000061u, "STATUS_PRIVILEGE_NOT_HELD",
	  "A required privilege is not held by the client.",
	  1314u, "ERROR_PRIVILEGE_NOT_HELD",
	  "A required privilege is not held by the client." },
	{ 0xC0000062u, "STATUS_INVALID_ACCOUNT_NAME",
	  "The name provided is not a properly formed account name.",
	  1315u, "ERROR_INVALID_ACCOUNT_NAME",
	  "The name provided is not a properly formed account name." },
	{ 0xC0000063u, "STATUS_USER_EXISTS",
	  "The specified account already exists.",
	  1316u, "ERROR_USER_EXISTS",
	  "The specified account already exists." },
	{ 0xC0000064u, "STATUS_NO_SUCH_USER",
	  "The specified account does not exist.",
	  1317u, "ERROR_NO_SUCH_USER",
	  "The specified account does not exist." },
	{ 0xC0000065u, "STATUS_GROUP_EXISTS",
	  "The specified group already exists.",
	  1318u, "ERROR_GROUP_EXISTS",
	  "The specified group already exists." },
	{ 0xC0000066u, "STATUS_NO_SUCH_GROUP",
	  "The specified group does not exist.",
	  1319u, "ERROR_NO_SUCH_GROUP",
	  "The specified group does not exist." },
	{ 0xC0000067u, "STATUS_MEMBER_IN_GROUP",
	  "The specified user account is already in the specified "
	  "group account. Also used to indicate a group cannot be "
	  "deleted because it contains a member.",
	  1320u, "ERROR_MEMBER_IN_GROUP",
	  "Either the specified user account is already a member of "
	  "the specified group, or the specified group cannot be "
	  "deleted because it contains a member." },
	{ 0xC0000068u, "STATUS_MEMBER_NOT_IN_GROUP",
	  "The specified user account is not a member of the "
	  "specified group account.",
	  1321u, "ERROR_MEMBER_NOT_IN_GROUP",
	  "The specified user account is not a member of the "
	  "specified group account." },
	{ 0xC0000069u, "STATUS_LAST_ADMIN",
	  "Indicates the requested operation would disable or delete "
	  "the last remaining administration account. This is not "
	  "allowed to prevent creating a situation in which the "
	  "system cannot be administrated.",
	  1322u, "ERROR_LAST_ADMIN",
	  "This operation is disallowed as it could result in an "
	  "administration account being disabled, deleted or unable "
	  "to logon." },
	{ 0xC000006Au, "STATUS_WRONG_PASSWORD",
	  "When trying to update a password, this return status "
	  "indicates that the value provided as the current password "
	  "is not correct.",
	  86u, "ERROR_INVALID_PASSWORD",
	  "The specified network password is not correct." },
	{ 0xC000006Bu, "STATUS_ILL_FORMED_PASSWORD",
	  "When trying to update a password, this return status "
	  "indicates that the value provided for the new password "
	  "contains values that are not allowed in passwords.",
	  1324u, "ERROR_ILL_FORMED_PASSWORD",
	  "Unable to update the password. The value provided for the "
	  "new password contains values that are not allowed in "
	  "passwords." },
	{ 0xC000006Cu, "STATUS_PASSWORD_RESTRICTION",
	  "When trying to update a password, this status indicates "
	  "that some password update rule has been violated. For "
	  "example, the password may not meet length criteria.",
	  1325u, "ERROR_PASSWORD_RESTRICTION",
	  "Unable to update the password. The value provided for the "
	  "new password does not meet the length, complexity, or "
	  "history requirements of the domain." },
	{ 0xC000006Du, "STATUS_LOGON_FAILURE",
	  "The attempted logon is invalid. This is either due to a "
	  "bad username or authentication information.",
	  1326u, "ERROR_LOGON_FAILURE",
	  "The user name or password is incorrect." },
	{ 0xC000006Eu, "STATUS_ACCOUNT_RESTRICTION",
	  "Indicates a referenced user name and authentication "
	  "information are valid, but some user account restriction "
	  "has prevented successful authentication (such as "
	  "time-of-day restrictions).",
	  1327u, "ERROR_ACCOUNT_RESTRICTION",
	  "Account restrictions are preventing this user from "
	  "signing in. For example: blank passwords aren't allowed, "
	  "sign-in times are limited, or a policy restriction has "
	  "been enforced." },
	{ 0xC000006Fu, "STATUS_INVALID_LOGON_HOURS",
	  "The user account has time restrictions and may not be "
	  "logged onto at this time.",
	  1328u, "ERROR_INVALID_LOGON_HOURS",
	  "Your account has time restrictions that keep you from "
	  "signing in right now." },
	{ 0xC0000070u, "STATUS_INVALID_WORKSTATION",
	  "The user account is restricted so that it may not be used "
	  "to log on from the source workstation.",
	  1329u, "ERROR_INVALID_WORKSTATION",
	  "This user isn't allowed to sign in to this computer." },
	{ 0xC0000071u, "STATUS_PASSWORD_EXPIRED",
	  "The user account password has expired.",
	  1330u, "ERROR_PASSWORD_EXPIRED",
	  "The password for this account has expired." },
	{ 0xC0000072u, "STATUS_ACCOUNT_DISABLED",
	  "The referenced account is currently disabled and may not "
	  "be logged on to.",
	  1331u, "ERROR_ACCOUNT_DISABLED",
	  "This user can't sign in because this account is currently "
	  "disabled." },
	{ 0xC0000073u, "STATUS_NONE_MAPPED",
	  "None of the information to be translated has been "
	  "translated.",
	  1332u, "ERROR_NONE_MAPPED",
	  "No mapping between account names and security IDs was "
	  "done." },
	{ 0xC0000077u, "STATUS_INVALID_ACL",
	  "Indicates the ACL structure is not valid.",
	  1336u, "ERROR_INVALID_ACL",
	  "The access control list (ACL) structure is invalid." },
	{ 0xC0000078u, "STATUS_INVALID_SID",
	  "Indicates the SID structure is not valid.",
	  1337u, "ERROR_INVALID_SID",
	  "The security ID structure is invalid." },
	{ 0xC0000079u, "STATUS_INVALID_SECURITY_DESCR",
	  "Indicates the SECURITY_DESCRIPTOR structure is not valid.",
	  1338u, "ERROR_INVALID_SECURITY_DESCR",
	  "The security descriptor structure is invalid." },
	{ 0xC0000084u, "STATUS_INVALID_ID_AUTHORITY",
	  "The value provided was an invalid value for an identifier "
	  "authority.",
	  1343u, "ERROR_INVALID_ID_AUTHORITY",
	  "The value provided was an invalid value for an identifier "
	  "authority." },
	{ 0xC00000B5u, "STATUS_IO_TIMEOUT",
	  "{Device Timeout} The specified I/O operation on %hs was "
	  "not completed before the time-out period expired.",
	  121u, "ERROR_SEM_TIMEOUT",
	  "The semaphore timeout period has expired." },
	{ 0xC00000BBu, "STATUS_NOT_SUPPORTED",
	  "The request is not supported.",
	  50u, "ERROR_NOT_SUPPORTED",
	  "The request is not supported." },
	{ 0xC00000C9u, "STATUS_NETWORK_NAME_DELETED",
	  "The network name was deleted.",
	  64u, "ERROR_NETNAME_DELETED",
	  "The specified network name is no longer available." },
	{ 0xC00000CAu, "STATUS_NETWORK_ACCESS_DENIED",
	  "Network access is denied.",
	  65u, "ERROR_NETWORK_ACCESS_DENIED",
	  "Network access is denied." },
	{ 0xC00000CCu, "STATUS_BAD_NETWORK_NAME",
	  "{Network Name Not Found} The specified share name cannot "
	  "be found on the remote server.",
	  67u, "ERROR_BAD_NET_NAME",
	  "The network name cannot be found." },
	{ 0xC00000DAu, "STATUS_CANT_ACCESS_DOMAIN_INFO",
	  "Configuration information could not be read from the "
	  "domain controller, either because the machine is "
	  "unavailable or access has been denied.",
	  1351u, "ERROR_CANT_ACCESS_DOMAIN_INFO",
	  "Configuration information could not be read from the "
	  "domain controller, either because the machine is "
	  "unavailable, or access has been denied." },
	{ 0xC00000DCu, "STATUS_INVALID_SERVER_STATE",
	  "Indicates the Sam Server was in the wrong state to "
	  "perform the desired operation.",
	  1352u, "ERROR_INVALID_SERVER_STATE",
	  "The security account manager (SAM) or local security "
	  "authority (LSA) server was in the wrong state to perform "
	  "the security operation." },
	{ 0xC00000DDu, "STATUS_INVALID_DOMAIN_STATE",
	  "Indicates the domain was in the wrong state to perform "
	  "the desired operation.",
	  1353u, "ERROR_INVALID_DOMAIN_STATE",
	  "The domain was in the wrong state to perform the security "
	  "operation." },
	{ 0xC00000DEu, "STATUS_INVALID_DOMAIN_ROLE",
	  "This operation is only allowed for the primary domain "
	  "controller of the domain.",
	  1354u, "ERROR_INVALID_DOMAIN_ROLE",
	  "This operation is only allowed for the Primary Domain "
	  "Controller of the domain." },
	{ 0xC00000DFu, "STATUS_NO_SUCH_DOMAIN",
	  "The specified domain did not exist.",
	  1355u, "ERROR_NO_SUCH_DOMAIN",
	  "The specified domain either does not exist or could not "
	  "be contacted." },
	{ 0xC00000E0u, "STATUS_DOMAIN_EXISTS",
	  "The specified domain already exists.",
	  1356u, "ERROR_DOMAIN_EXISTS",
	  "The specified domain already exists." },
	{ 0xC00000E1u, "STATUS_DOMAIN_LIMIT_EXCEEDED",
	  "An attempt was made to exceed the limit on the number of "
	  "domains per server for this release.",
	  1357u, "ERROR_DOMAIN_LIMIT_EXCEEDED",
	  "An attempt was made to exceed the limit on the number of "
	  "domains per server." },
	{ 0xC00000E4u, "STATUS_INTERNAL_DB_CORRUPTION",
	  "This error indicates that the requested operation cannot "
	  "be completed due to a catastrophic media failure or an "
	  "on-disk data structure corruption.",
	  1358u, "ERROR_INTERNAL_DB_CORRUPTION",
	  "Unable to complete the requested operation because of "
	  "either a catastrophic media failure or a data structure "
	  "corruption on the disk." },
	{ 0xC00000E5u, "STATUS_INTERNAL_ERROR",
	  "An internal error occurred.",
	  1359u, "ERROR_INTERNAL_ERROR",
	  "An internal error occurred." },
	{ 0xC0000122u, "STATUS_INVALID_COMPUTER_NAME",
	  "Indicates a name that was specified as a remote computer "
	  "name is syntactically invalid.",
	  1210u, "ERROR_INVALID_COMPUTERNAME",
	  "The format of the specified computer name is invalid." },
	{ 0xC0000124u, "STATUS_SPECIAL_ACCOUNT",
	  "Indicates an operation that is incompatible with built-in "
	  "accounts has been attempted on a built-in (special) SAM "
	  "account. For example, built-in accounts cannot be deleted.",
	  1371u, "ERROR_SPECIAL_ACCOUNT",
	  "Cannot perform this operation on built-in accounts." },
	{ 0xC0000133u, "STATUS_TIME_DIFFERENCE_AT_DC",
	  "The time at the primary domain controller is different "
	  "from the time at the backup domain controller or member "
	  "server by too large an amount.",
	  1398u, "ERROR_TIME_SKEW",
	  "There is a time and/or date difference between the client "
	  "and server." },
	{ 0xC0000148u, "STATUS_INVALID_LEVEL",
	  "{Incorrect System Call Level} An invalid level was passed "
	  "into the specified system call.",
	  124u, "ERROR_INVALID_LEVEL",
	  "The system call level is not correct." },
	{ 0xC0000151u, "STATUS_NO_SUCH_ALIAS",
	  "The specified local group does not exist.",
	  1376u, "ERROR_NO_SUCH_ALIAS",
	  "The specified local group does not exist." },
	{ 0xC0000152u, "STATUS_MEMBER_NOT_IN_ALIAS",
	  "The specified account name is not a member of the group.",
	  1377u, "ERROR_MEMBER_NOT_IN_ALIAS",
	  "The specified account name is not a member of the group." },
	{ 0xC0000153u, "STATUS_MEMBER_IN_ALIAS",
	  "The specified account name is already a member of the "
	  "group.",
	  1378u, "ERROR_MEMBER_IN_ALIAS",
	  "The specified account name is already a member of the "
	  "group." },
	{ 0xC0000154u, "STATUS_ALIAS_EXISTS",
	  "The specified local group already exists.",
	  1379u, "ERROR_ALIAS_EXISTS",
	  "The specified local group already exists." },
	{ 0xC0000155u, "STATUS_LOGON_NOT_GRANTED",
	  "A requested type of logon (for example, interactive, "
	  "network, and service) is not granted by the local "
	  "security policy of the target system. Ask the system "
	  "administrator to grant the necessary form of logon.",
	  1380u, "ERROR_LOGON_NOT_GRANTED",
	  "Logon failure: the user has not been granted the "
	  "requested logon type at this computer." },
	{ 0xC000015Bu, "STATUS_LOGON_TYPE_NOT_GRANTED",
	  "A user has requested a type of logon (for example, "
	  "interactive or network) that has not been granted. An "
	  "administrator has control over who may logon "
	  "interactively and through the network.",
	  1385u, "ERROR_LOGON_TYPE_NOT_GRANTED",
	  "Logon failure: the user has not been granted the "
	  "requested logon type at this computer." },
	{ 0xC000017Au, "STATUS_NO_SUCH_MEMBER",
	  "A member could not be added to or removed from the local "
	  "group because the member does not exist.",
	  1387u, "ERROR_NO_SUCH_MEMBER",
	  "A member could not be added to or removed from the local "
	  "group because the member does not exist." },
	{ 0xC000017Bu, "STATUS_INVALID_MEMBER",
	  "A new member could not be added to a local group because "
	  "the member has the wrong account type.",
	  1388u, "ERROR_INVALID_MEMBER",
	  "A new member could not be added to a local group because "
	  "the member has the wrong account type." },
	{ 0xC000018Au, "STATUS_NO_TRUST_LSA_SECRET",
	  "The workstation does not have a trust secret for the "
	  "primary domain in the local LSA database.",
	  1786u, "ERROR_NO_TRUST_LSA_SECRET",
	  "The workstation does not have a trust secret." },
	{ 0xC000018Bu, "STATUS_NO_TRUST_SAM_ACCOUNT",
	  "The SAM database on the Windows Server does not have a "
	  "computer account for this workstation trust relationship.",
	  1787u, "ERROR_NO_TRUST_SAM_ACCOUNT",
	  "The security database on the server does not have a "
	  "computer account for this workstation trust relationship." },
	{ 0xC000018Cu, "STATUS_TRUSTED_DOMAIN_FAILURE",
	  "The logon request failed because the trust relationship "
	  "between the primary domain and the trusted domain failed.",
	  1788u, "ERROR_TRUSTED_DOMAIN_FAILURE",
	  "The trust relationship between the primary domain and the "
	  "trusted domain failed." },
	{ 0xC000018Du, "STATUS_TRUSTED_RELATIONSHIP_FAILURE",
	  "The logon request failed because the trust relationship "
	  "between this workstation and the primary domain failed.",
	  1789u, "ERROR_TRUSTED_RELATIONSHIP_FAILURE",
	  "The trust relationship between this workstation and the "
	  "primary domain failed." },
	{ 0xC0000190u, "STATUS_TRUST_FAILURE",
	  "The network logon failed. This may be because the "
	  "validation authority cannot be reached.",
	  1790u, "ERROR_TRUST_FAILURE",
	  "The network logon failed." },
	{ 0xC0000192u, "STATUS_NETLOGON_NOT_STARTED",
	  "An attempt was made to logon, but the NetLogon service "
	  "was not started.",
	  1792u, "ERROR_NETLOGON_NOT_STARTED",
	  "An attempt was made to logon, but the network logon "
	  "service was not started." },
	{ 0xC0000193u, "STATUS_ACCOUNT_EXPIRED",
	  "The user account has expired.",
	  1793u, "ERROR_ACCOUNT_EXPIRED",
	  "The user's account has expired." },
	{ 0xC0000198u, "STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT",
	  "The account used is an interdomain trust account. Use "
	  "your global user account or local user account to access "
	  "this server.",
	  1807u, "ERROR_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT",
	  "The account used is an interdomain trust account. Use "
	  "your global user account or local user account to access "
	  "this server." },
	{ 0xC0000199u, "STATUS_NOLOGON_WORKSTATION_TRUST_ACCOUNT",
	  "The account used is a computer account. Use your global "
	  "user account or local user account to access this server.",
	  1808u, "ERROR_NOLOGON_WORKSTATION_TRUST_ACCOUNT",
	  "The account used is a computer account. Use your global "
	  "user account or local user account to access this server." },
	{ 0xC000019Au, "STATUS_NOLOGON_SERVER_TRUST_ACCOUNT",
	  "The account used is a server trust account. Use your "
	  "global user account or local user account to access this "
	  "server.",
	  1809u, "ERROR_NOLOGON_SERVER_TRUST_ACCOUNT",
	  "The account used is a server trust account. Use your "
	  "global user account or local user account to access this "
	  "server." },
	{ 0xC000019Bu, "STATUS_DOMAIN_TRUST_INCONSISTENT",
	  "The name or SID of the specified domain is inconsistent "
	  "with the trust information for that domain.",
	  1810u, "ERROR_DOMAIN_TRUST_INCONSISTENT",
	  "The name or security ID (SID) of the domain specified is "
	  "inconsistent with the trust information for that domain." },
	{ 0xC0000202u, "STATUS_NO_USER_SESSION_KEY",
	  "There is no user session key for the specified logon "
	  "session.",
	  1394u, "ERROR_NO_USER_SESSION_KEY",
	  "There is no user session key for the specified logon "
	  "session." },
	{ 0xC0000203u, "STATUS_USER_SESSION_DELETED",
	  "The remote user session has been deleted.",
	  59u, "ERROR_UNEXP_NET_ERR",
	  "An unexpected network error occurred." },
	{ 0xC0000224u, "STATUS_PASSWORD_MUST_CHANGE",
	  "The user password must be changed before logging on the "
	  "first time.",
	  1907u, "ERROR_PASSWORD_MUST_CHANGE",
	  "The user's password must be changed before signing in." },
	{ 0xC0000225u, "STATUS_NOT_FOUND",
	  "The object was not found.",
	  1168u, "ERROR_NOT_FOUND",
	  "Element not found." },
	{ 0xC0000233u, "STATUS_DOMAIN_CONTROLLER_NOT_FOUND",
	  "A domain controller for this domain was not found.",
	  1908u, "ERROR_DOMAIN_CONTROLLER_NOT_FOUND",
	  "Could not find the domain controller for this domain." },
	{ 0xC0000234u, "STATUS_ACCOUNT_LOCKED_OUT",
	  "The user account has been automatically locked because "
	  "too many invalid logon attempts or password change "
	  "attempts have been requested.",
	  1909u, "ERROR_ACCOUNT_LOCKED_OUT",
	  "The referenced account is currently locked out and may "
	  "not be logged on to." },
	{ 0xC0000388u, "STATUS_DOWNGRADE_DETECTED",
	  "The system detected a possible attempt to compromise "
	  "security. Ensure that you can contact the server that "
	  "authenticated you.",
	  1265u, "ERROR_DOWNGRADE_DETECTED",
	  "The system cannot contact a domain controller to service "
	  "the authentication request. Please try again later." },
	{ 0xC0000413u, "STATUS_AUTHENTICATION_FIREWALL_FAILED",
	  "Logon Failure: The machine you are logging on to is protected by "
	  "an authentication firewall. The specified account is not allowed "
	  "to authenticate to the machine.",
	  1935u, "ERROR_AUTHENTICATION_FIREWALL_FAILED",
	  "The computer you are signing into is protected by an "
	  "authentication firewall. The specified account is not allowed to "
	  "authenticate to the computer." },
};
/* clang-format on */

#define NTSTATUS_TABLE_LEN (sizeof(ntstatus_table) / sizeof(ntstatus_table[0]))

size_t
ntstatus_count(void)
{
	return NTSTATUS_TABLE_LEN;
}

const struct ntstatus_info *
ntstatus_at(size_t i)
{
	if (i >= NTSTATUS_TABLE_LEN)
		return NULL;
	return &ntstatus_table[i];
}

const struct ntstatus_info *
ntstatus_lookup(uint32_t code)
{
	size_t lo = 0, hi = NTSTATUS_TABLE_LEN, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ntstatus_table[mid].code == code)
			return &ntstatus_table[mid];
		if (ntstatus_table[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *
ntstatus_name(uint32_t code, char *buf, size_t buflen)
{
	const struct ntstatus_info *e = ntstatus_lookup(code);

	if (e != NULL)
		return e->name;
	if (buf == NULL || buflen < sizeof("0x00000000"))
		return "(unknown NTSTATUS)";
	snprintf(buf, buflen, "0x%08X", (unsigned int)code);
	return buf;
}

/* ASCII upper-case of one character (no locale). */
static char
ntstatus_upc(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* 1 if s starts with prefix (prefix in upper case), ignoring ASCII case. */
static int
ntstatus_has_prefix(const char *s, const char *prefix)
{
	size_t i;

	for (i = 0; prefix[i] != '\0'; i++)
		if (ntstatus_upc(s[i]) != prefix[i])
			return 0;
	return 1;
}

/* 1 if a equals b (b in upper case), ignoring ASCII case. */
static int
ntstatus_name_eq(const char *a, const char *b)
{
	size_t i;

	for (i = 0; b[i] != '\0'; i++)
		if (ntstatus_upc(a[i]) != b[i])
			return 0;
	return a[i] == '\0';
}

/*
 * Parse s as an unsigned number: "0x" + 1..8 hex digits, or 1..10 decimal
 * digits below 2^32.  Returns 0 and sets *v, or -1.
 */
static int
ntstatus_number(const char *s, int *is_hex, uint32_t *v)
{
	uint64_t x = 0;
	size_t i, n = 0;
	int d;

	*v = 0;
	*is_hex = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		*is_hex = 1;
		for (i = 2; s[i] != '\0'; i++, n++) {
			d = hex_digit(s[i]);
			if (d < 0)
				return -1;
			if (n >= 8)
				return -1;
			x = (x << 4) | (uint64_t)d;
		}
	} else {
		for (i = 0; s[i] != '\0'; i++, n++) {
			if (s[i] < '0' || s[i] > '9' || n >= 10)
				return -1;
			x = x * 10 + (uint64_t)(s[i] - '0');
		}
		if (x > UINT32_MAX)
			return -1;
	}
	if (n == 0)
		return -1;
	*v = (uint32_t)x;
	return 0;
}

/*
 * The NTSTATUS for a Win32 code: the entry whose name is "STATUS_" + the
 * part after "ERROR_" if there is one (so ERROR_INVALID_PARAMETER gives
 * STATUS_INVALID_PARAMETER, not STATUS_INVALID_INFO_CLASS), else the first
 * entry in code order that maps to it.
 */
static const struct ntstatus_info *
ntstatus_from_win32(uint32_t win32)
{
	const struct ntstatus_info *first = NULL, *e;
	size_t i;

	for (i = 0; i < NTSTATUS_TABLE_LEN; i++) {
		e = &ntstatus_table[i];
		if (e->win32 != win32)
			continue;
		if (first == NULL)
			first = e;
		if (strcmp(e->name + strlen("STATUS_"),
			   e->win32_name + strlen("ERROR_")) == 0)
			return e;
	}
	return first;
}

const struct ntstatus_info *
ntstatus_parse(const char *s)
{
	const struct ntstatus_info *e;
	uint32_t v;
	size_t i;
	int is_hex;

	if (s == NULL || s[0] == '\0')
		return NULL;
	if (s[0] >= '0' && s[0] <= '9') {
		if (ntstatus_number(s, &is_hex, &v) != 0)
			return NULL;
		return is_hex ? ntstatus_lookup(v) : ntstatus_from_win32(v);
	}
	if (ntstatus_has_prefix(s, "ERROR_")) {
		for (i = 0; i < NTSTATUS_TABLE_LEN; i++) {
			e = &ntstatus_table[i];
			if (ntstatus_name_eq(s, e->win32_name))
				return ntstatus_from_win32(e->win32);
		}
		return NULL;
	}
	/* Samba spells success NT_STATUS_OK. */
	if (ntstatus_name_eq(s, "NT_STATUS_OK") ||
	    ntstatus_name_eq(s, "STATUS_OK") || ntstatus_name_eq(s, "OK"))
		return ntstatus_lookup(NTSTATUS_OK);
	if (ntstatus_has_prefix(s, "NT_STATUS_"))
		s += strlen("NT_");
	if (ntstatus_has_prefix(s, "STATUS_"))
		s += strlen("STATUS_");
	for (i = 0; i < NTSTATUS_TABLE_LEN; i++) {
		e = &ntstatus_table[i];
		if (ntstatus_name_eq(s, e->name + strlen("STATUS_")))
			return e;
	}
	return NULL;
}
