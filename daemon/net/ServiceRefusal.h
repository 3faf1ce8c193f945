// ServiceRefusal.h - the standard "not available" answer of each protocol
//
// Used by ListenerSet for services whose protocol is not implemented yet:
// SMTP 554 then wait for QUIT (RFC 5321 section 3.1), IMAP untagged BYE
// (RFC 9051 section 7.1.5), POP3 -ERR (RFC 1939 section 4), HTTP 503
// (RFC 9110 section 15.6.4). Implicit-TLS ports close without a byte, as
// there is no certificate to start TLS with. Remove together with the last
// service that needs it.
//
// SECURITY: talks to anyone who connects, before any authentication; reads
// at most a few short lines (named limits in the .cpp), answers with fixed
// text and never interprets what it reads beyond the SMTP QUIT verb and the
// end of an HTTP header.
#pragma once

#include "core/DaemonConfig.h"

#include <QString>

class QTcpSocket;

namespace mailstead::net {

// Takes the socket: it is deleted after the refusal has been sent.
void refuseConnection(core::Service service, QTcpSocket *socket, const QString &hostname);

} // namespace mailstead::net
