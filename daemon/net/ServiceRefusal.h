// ServiceRefusal.h - the standard "not available" answer of each protocol
//
// Used by ListenerSet for services whose protocol is not implemented yet:
// SMTP 554 then wait for QUIT (RFC 5321 section 3.1). IMAP, POP3 and HTTP
// have their own servers (imap/ImapServer.h, pop3/Pop3Server.h,
// http/HttpServer.h). Implicit-TLS ports close without a
// byte, as there is no certificate to start TLS with. Remove together with
// the last service that needs it.
//
// SECURITY: talks to anyone who connects, before any authentication; reads
// at most a few short lines (named limits in the .cpp), answers with fixed
// text and never interprets what it reads beyond the SMTP QUIT verb.
#pragma once

#include "core/DaemonConfig.h"

#include <QString>

class QTcpSocket;

namespace mailstead::net {

// Takes the socket: it is deleted after the refusal has been sent.
void refuseConnection(core::Service service, QTcpSocket *socket, const QString &hostname);

} // namespace mailstead::net
