<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>mailstead::app::DaemonConnection</name>
    <message>
        <source>mailsteadd did not stop within %1 seconds; killing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No daemon answered at %1; starting a local one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mailsteadd was not found (looked in: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started %1 (process %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting %1 in local mode…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mailsteadd crashed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mailsteadd was killed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mailsteadd exited with status %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start mailsteadd: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping mailsteadd…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::MainWindow</name>
    <message>
        <source>Mailstead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start daemon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop daemon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daemon output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output of a daemon started by Mailstead appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daemon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hostname:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data directory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Socket:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domains:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alias domains:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailboxes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aliases:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the daemon status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h %3 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP (incoming mail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submission (STARTTLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submission (TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMAP (STARTTLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMAP (TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POP3 (STARTTLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POP3 (TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local (started for this user)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed (system service)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the local daemon to start…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to the daemon started by Mailstead (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to a daemon at %1; retrying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A daemon that Mailstead did not start is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a local mailsteadd for this user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the daemon that Mailstead started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a daemon started by Mailstead can be stopped here; stop a system service with systemctl.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
