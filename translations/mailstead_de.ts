<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>mailstead::app::DaemonConnection</name>
    <message>
        <source>mailsteadd did not stop within %1 seconds; killing it.</source>
        <translation>mailsteadd wurde nicht innerhalb von %1 Sekunden beendet und wird jetzt abgebrochen.</translation>
    </message>
    <message>
        <source>No daemon answered at %1; starting a local one.</source>
        <translation>Unter %1 antwortet kein Dienst; ein lokaler wird gestartet.</translation>
    </message>
    <message>
        <source>mailsteadd was not found (looked in: %1).</source>
        <translation>mailsteadd wurde nicht gefunden (gesucht in: %1).</translation>
    </message>
    <message>
        <source>Started %1 (process %2).</source>
        <translation>%1 gestartet (Prozess %2).</translation>
    </message>
    <message>
        <source>Starting %1 in local mode…</source>
        <translation>%1 wird im lokalen Modus gestartet …</translation>
    </message>
    <message>
        <source>mailsteadd crashed.</source>
        <translation>mailsteadd ist abgestürzt.</translation>
    </message>
    <message>
        <source>mailsteadd was killed.</source>
        <translation>mailsteadd wurde abgebrochen.</translation>
    </message>
    <message>
        <source>mailsteadd exited with status %1.</source>
        <translation>mailsteadd wurde mit Status %1 beendet.</translation>
    </message>
    <message>
        <source>Could not start mailsteadd: %1</source>
        <translation>mailsteadd konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Stopping mailsteadd…</source>
        <translation>mailsteadd wird beendet …</translation>
    </message>
</context>
<context>
    <name>mailstead::app::MainWindow</name>
    <message>
        <source>Mailstead</source>
        <translation>Mailstead</translation>
    </message>
    <message>
        <source>Start daemon</source>
        <translation>Dienst starten</translation>
    </message>
    <message>
        <source>Stop daemon</source>
        <translation>Dienst beenden</translation>
    </message>
    <message>
        <source>Daemon output</source>
        <translation>Ausgabe des Dienstes</translation>
    </message>
    <message>
        <source>Output of a daemon started by Mailstead appears here.</source>
        <translation>Hier erscheint die Ausgabe eines von Mailstead gestarteten Dienstes.</translation>
    </message>
    <message>
        <source>Daemon</source>
        <translation>Mailserver-Dienst</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>Hostname:</source>
        <translation>Hostname:</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Modus:</translation>
    </message>
    <message>
        <source>Data directory:</source>
        <translation>Datenverzeichnis:</translation>
    </message>
    <message>
        <source>Socket:</source>
        <translation>Socket:</translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation>Laufzeit:</translation>
    </message>
    <message>
        <source>Health:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Domains:</source>
        <translation>Domains:</translation>
    </message>
    <message>
        <source>Alias domains:</source>
        <translation>Alias-Domains:</translation>
    </message>
    <message>
        <source>Mailboxes:</source>
        <translation>Postfächer:</translation>
    </message>
    <message>
        <source>Aliases:</source>
        <translation>Aliasse:</translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation>Netzwerkdienste</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Could not read the daemon status: %1</source>
        <translation>Der Status des Dienstes konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 d %2 h %3 min</source>
        <translation>%1 T. %2 Std. %3 Min.</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 Sek.</translation>
    </message>
    <message>
        <source>SMTP (incoming mail)</source>
        <translation>SMTP (eingehende E-Mail)</translation>
    </message>
    <message>
        <source>Submission (STARTTLS)</source>
        <translation>Submission (STARTTLS)</translation>
    </message>
    <message>
        <source>Submission (TLS)</source>
        <translation>Submission (TLS)</translation>
    </message>
    <message>
        <source>IMAP (STARTTLS)</source>
        <translation>IMAP (STARTTLS)</translation>
    </message>
    <message>
        <source>IMAP (TLS)</source>
        <translation>IMAP (TLS)</translation>
    </message>
    <message>
        <source>POP3 (STARTTLS)</source>
        <translation>POP3 (STARTTLS)</translation>
    </message>
    <message>
        <source>POP3 (TLS)</source>
        <translation>POP3 (TLS)</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>HTTPS</source>
        <translation>HTTPS</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Local (started for this user)</source>
        <translation>Lokal (für diesen Benutzer gestartet)</translation>
    </message>
    <message>
        <source>Installed (system service)</source>
        <translation>Installiert (Systemdienst)</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>Nicht verbunden.</translation>
    </message>
    <message>
        <source>Waiting for the local daemon to start…</source>
        <translation>Warte auf den Start des lokalen Dienstes …</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1 …</translation>
    </message>
    <message>
        <source>Connected to the daemon started by Mailstead (%1).</source>
        <translation>Verbunden mit dem von Mailstead gestarteten Dienst (%1).</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>Verbunden mit %1.</translation>
    </message>
    <message>
        <source>Not connected to a daemon at %1; retrying.</source>
        <translation>Keine Verbindung zu einem Dienst unter %1; neuer Versuch läuft.</translation>
    </message>
    <message>
        <source>A daemon that Mailstead did not start is already running.</source>
        <translation>Es läuft bereits ein Dienst, den Mailstead nicht gestartet hat.</translation>
    </message>
    <message>
        <source>Start a local mailsteadd for this user.</source>
        <translation>Einen lokalen mailsteadd für diesen Benutzer starten.</translation>
    </message>
    <message>
        <source>Stop the daemon that Mailstead started.</source>
        <translation>Den von Mailstead gestarteten Dienst beenden.</translation>
    </message>
    <message>
        <source>Only a daemon started by Mailstead can be stopped here; stop a system service with systemctl.</source>
        <translation>Hier lässt sich nur ein von Mailstead gestarteter Dienst beenden; einen Systemdienst beenden Sie mit systemctl.</translation>
    </message>
</context>
</TS>
