<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>DnsStatus</name>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Different</source>
        <translation>Abweichend</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Fehlt</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <source>Found: %1</source>
        <translation>Gefunden: %1</translation>
    </message>
    <message>
        <source>The name resolves back to the address.</source>
        <translation>Der Name löst wieder auf die Adresse auf.</translation>
    </message>
    <message>
        <source>The name does not resolve back to the address.</source>
        <translation>Der Name löst nicht wieder auf die Adresse auf.</translation>
    </message>
</context>
<context>
    <name>mailstead::app::AliasDialog</name>
    <message>
        <source>Add alias</source>
        <translation>Alias hinzufügen</translation>
    </message>
    <message>
        <source>sales</source>
        <translation>vertrieb</translation>
    </message>
    <message>
        <source>&amp;Catch-all: every address of the domain that has no mailbox or alias</source>
        <translation>&amp;Catch-all: jede Adresse der Domain ohne eigenes Postfach oder Alias</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Edit alias %1</source>
        <translation>Alias %1 bearbeiten</translation>
    </message>
    <message>
        <source>Alias:</source>
        <translation>Alias:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>One address per line</source>
        <translation>Eine Adresse pro Zeile</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>Ak&amp;tiv</translation>
    </message>
    <message>
        <source>&amp;Delivers to:</source>
        <translation>&amp;Zustellen an:</translation>
    </message>
    <message>
        <source>Enter at least one address to deliver to.</source>
        <translation>Geben Sie mindestens eine Zieladresse ein.</translation>
    </message>
    <message>
        <source>Add a domain first.</source>
        <translation>Legen Sie zuerst eine Domain an.</translation>
    </message>
    <message>
        <source>Enter the part of the address before the @, or check Catch-all.</source>
        <translation>Geben Sie den Teil der Adresse vor dem @ ein oder wählen Sie Catch-all.</translation>
    </message>
    <message>
        <source>A&amp;lias:</source>
        <translation>&amp;Alias:</translation>
    </message>
</context>
<context>
    <name>mailstead::app::AliasDomainDialog</name>
    <message>
        <source>Add alias domain</source>
        <translation>Alias-Domain hinzufügen</translation>
    </message>
    <message>
        <source>example.net</source>
        <translation>example.net</translation>
    </message>
    <message>
        <source>Mail to any address of the alias domain goes to the same address in this domain.</source>
        <translation>E-Mail an eine Adresse der Alias-Domain geht an dieselbe Adresse in dieser Domain.</translation>
    </message>
    <message>
        <source>&amp;Delivers to domain:</source>
        <translation>&amp;Zustellen an Domain:</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Enter the alias domain&apos;s name.</source>
        <translation>Geben Sie den Namen der Alias-Domain ein.</translation>
    </message>
    <message>
        <source>Add a domain first.</source>
        <translation>Legen Sie zuerst eine Domain an.</translation>
    </message>
    <message>
        <source>A&amp;lias domain:</source>
        <translation>&amp;Alias-Domain:</translation>
    </message>
</context>
<context>
    <name>mailstead::app::AliasDomainTableModel</name>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Alias domain</source>
        <translation>Alias-Domain</translation>
    </message>
    <message>
        <source>Delivers to domain</source>
        <translation>Zustellen an Domain</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>mailstead::app::AliasTableModel</name>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Catch-all: receives mail for every address of %1 that has no mailbox or alias of its own.</source>
        <translation>Catch-all: empfängt E-Mail für jede Adresse von %1 ohne eigenes Postfach oder Alias.</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Delivers to</source>
        <translation>Zustellen an</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>mailstead::app::AliasesPage</name>
    <message>
        <source>&amp;Add alias…</source>
        <translation>Alias &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen …</translation>
    </message>
    <message>
        <source>E&amp;nable</source>
        <translation>A&amp;ktivieren</translation>
    </message>
    <message>
        <source>Remove the catch-all of %1? Mail to unknown addresses of the domain will be refused.</source>
        <translation>Catch-all von %1 entfernen? E-Mail an unbekannte Adressen der Domain wird dann abgewiesen.</translation>
    </message>
    <message>
        <source>Remove the alias %1?</source>
        <translation>Alias %1 entfernen?</translation>
    </message>
    <message>
        <source>Remove alias</source>
        <translation>Alias entfernen</translation>
    </message>
</context>
<context>
    <name>mailstead::app::CertificatePage</name>
    <message>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <source>Mail programs and other servers encrypt their connections to yours with this certificate.</source>
        <translation>Mailprogramme und andere Server verschlüsseln ihre Verbindungen zu Ihrem Server mit diesem Zertifikat.</translation>
    </message>
    <message>
        <source>&amp;Self-signed: works at once; mail programs ask you once to trust it</source>
        <translation>&amp;Selbstsigniert: funktioniert sofort; Mailprogramme fragen einmal, ob Sie ihm vertrauen</translation>
    </message>
    <message>
        <source>&amp;Let&apos;s Encrypt: trusted everywhere; the server must be reachable on port 80</source>
        <translation>&amp;Let&apos;s Encrypt: überall vertrauenswürdig; der Server muss auf Port 80 erreichbar sein</translation>
    </message>
    <message>
        <source>&amp;Import certificate and key files</source>
        <translation>Zertifikat- und Schlüsseldateien &amp;importieren</translation>
    </message>
    <message>
        <source>for example you@example.com</source>
        <translation>zum Beispiel sie@example.com</translation>
    </message>
    <message>
        <source>Let&apos;s Encrypt writes here when a certificate is about to expire and was not renewed.</source>
        <translation>Let&apos;s Encrypt schreibt hierhin, wenn ein Zertifikat bald abläuft und nicht erneuert wurde.</translation>
    </message>
    <message>
        <source>Contact &amp;email:</source>
        <translation>Kontakt-&amp;E-Mail:</translation>
    </message>
    <message>
        <source>I &amp;agree to the Let&apos;s Encrypt Subscriber Agreement</source>
        <translation>Ich &amp;stimme dem Let&apos;s Encrypt Subscriber Agreement zu</translation>
    </message>
    <message>
        <source>Read it</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <source>Use the s&amp;taging CA (for trying out: its certificates are not trusted)</source>
        <translation>&amp;Test-CA verwenden (zum Ausprobieren: ihren Zertifikaten wird nicht vertraut)</translation>
    </message>
    <message>
        <source>&amp;Request certificate</source>
        <translation>Zertifikat &amp;anfordern</translation>
    </message>
    <message>
        <source>Certificate request progress</source>
        <translation>Fortschritt der Zertifikatsanforderung</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Certificate chain:</source>
        <translation>&amp;Zertifikatskette:</translation>
    </message>
    <message>
        <source>for example fullchain.pem</source>
        <translation>zum Beispiel fullchain.pem</translation>
    </message>
    <message>
        <source>Private &amp;key:</source>
        <translation>Privater &amp;Schlüssel:</translation>
    </message>
    <message>
        <source>for example privkey.pem (not encrypted)</source>
        <translation>zum Beispiel privkey.pem (unverschlüsselt)</translation>
    </message>
    <message>
        <source>Installed now: %1 certificate for %2, issued by %3, valid until %4.</source>
        <translation>Jetzt installiert: %1-Zertifikat für %2, ausgestellt von %3, gültig bis %4.</translation>
    </message>
    <message>
        <source>Asking the CA for a certificate…</source>
        <translation>Zertifikat wird bei der CA angefordert…</translation>
    </message>
    <message>
        <source>The certificate is installed.</source>
        <translation>Das Zertifikat ist installiert.</translation>
    </message>
    <message>
        <source>The file is larger than 1 MiB.</source>
        <translation>Die Datei ist größer als 1 MiB.</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>mailstead::app::DaemonConnection</name>
    <message>
        <source>Connecting to the installed service at %1.</source>
        <translation>Verbindung zum installierten Dienst unter %1 wird hergestellt.</translation>
    </message>
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
    <message>
        <source>Starting %1 %2…</source>
        <translation>%1 %2 wird gestartet …</translation>
    </message>
    <message>
        <source>Restarting mailsteadd…</source>
        <translation>mailsteadd wird neu gestartet …</translation>
    </message>
</context>
<context>
    <name>mailstead::app::DaemonControls</name>
    <message>
        <source>Could not start %1</source>
        <translation>%1 konnte nicht gestartet werden</translation>
    </message>
    <message>
        <source>Could not stop %1</source>
        <translation>%1 konnte nicht beendet werden</translation>
    </message>
    <message>
        <source>Could not restart %1</source>
        <translation>%1 konnte nicht neu gestartet werden</translation>
    </message>
    <message>
        <source>Could not read the state of %1</source>
        <translation>Der Zustand von %1 konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>Could not start the daemon</source>
        <translation>Der Dienst konnte nicht gestartet werden</translation>
    </message>
    <message>
        <source>Could not restart the daemon</source>
        <translation>Der Dienst konnte nicht neu gestartet werden</translation>
    </message>
    <message>
        <source>The daemon that answers was not started by Mailstead.</source>
        <translation>Der antwortende Dienst wurde nicht von Mailstead gestartet.</translation>
    </message>
    <message>
        <source>Service %1: state unknown (%2)</source>
        <translation>Systemdienst %1: Zustand unbekannt (%2)</translation>
    </message>
    <message>
        <source>Service %1: reading its state…</source>
        <translation>Systemdienst %1: Zustand wird gelesen …</translation>
    </message>
    <message>
        <source>Service %1: %2</source>
        <translation>Systemdienst %1: %2</translation>
    </message>
</context>
<context>
    <name>mailstead::app::DnsRecordsPage</name>
    <message>
        <source>DNS records</source>
        <translation>DNS-Einträge</translation>
    </message>
    <message>
        <source>Publish these records at your DNS provider so that other servers find yours and trust its mail. Changes can take a while to show up; you can continue now and check again later.</source>
        <translation>Tragen Sie diese Einträge bei Ihrem DNS-Anbieter ein, damit andere Server Ihren finden und seiner Mail vertrauen. Änderungen brauchen eine Weile; Sie können jetzt weitermachen und später erneut prüfen.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>C&amp;heck again</source>
        <translation>Erneut &amp;prüfen</translation>
    </message>
    <message>
        <source>&amp;Export BIND snippet…</source>
        <translation>BIND-Ausschnitt &amp;exportieren…</translation>
    </message>
    <message>
        <source>Loading the records…</source>
        <translation>Einträge werden geladen…</translation>
    </message>
    <message>
        <source>Not checked yet. Press &quot;Check again&quot; once the records are published.</source>
        <translation>Noch nicht geprüft. Drücken Sie „Erneut prüfen“, sobald die Einträge veröffentlicht sind.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the value of %1 %2</source>
        <translation>Den Wert von %1 %2 kopieren</translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation>Kopiert: %1</translation>
    </message>
    <message>
        <source>Looking up every record…</source>
        <translation>Alle Einträge werden nachgeschlagen…</translation>
    </message>
    <message>
        <source>%1 published, %2 missing, %3 different, %4 without answer.</source>
        <translation>%1 veröffentlicht, %2 fehlen, %3 abweichend, %4 ohne Antwort.</translation>
    </message>
    <message>
        <source>Export DNS records</source>
        <translation>DNS-Einträge exportieren</translation>
    </message>
    <message>
        <source>Zone file snippets (*.zone *.txt);;All files (*)</source>
        <translation>Zonendatei-Ausschnitte (*.zone *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Saved the records to %1.</source>
        <translation>Die Einträge wurden in %1 gespeichert.</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>mailstead::app::DomainDialog</name>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>Add domain</source>
        <translation>Domain hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Edit domain %1</source>
        <translation>Domain %1 bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>example.com</source>
        <translation>example.com</translation>
    </message>
    <message>
        <source>Total storage of all mailboxes of the domain. Sizes count in powers of 1024; empty or 0 means unlimited.</source>
        <translation>Gesamter Speicher aller Postfächer der Domain. Größen zählen in Potenzen von 1024; leer oder 0 bedeutet unbegrenzt.</translation>
    </message>
    <message>
        <source>&amp;Receive mail for this domain</source>
        <translation>E-Mail für diese Domain emp&amp;fangen</translation>
    </message>
    <message>
        <source>&amp;Domain name:</source>
        <translation>&amp;Domainname:</translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation>B&amp;eschreibung:</translation>
    </message>
    <message>
        <source>&amp;Quota:</source>
        <translation>&amp;Kontingent:</translation>
    </message>
    <message>
        <source>&amp;Mailboxes at most:</source>
        <translation>Höchstens &amp;Postfächer:</translation>
    </message>
    <message>
        <source>A&amp;liases at most:</source>
        <translation>Höchstens A&amp;liasse:</translation>
    </message>
    <message>
        <source>Enter the domain name, such as example.com.</source>
        <translation>Geben Sie den Domainnamen ein, etwa example.com.</translation>
    </message>
</context>
<context>
    <name>mailstead::app::DomainPage</name>
    <message>
        <source>Your mail domain</source>
        <translation>Ihre Mail-Domain</translation>
    </message>
    <message>
        <source>The part after the @ in your addresses: for alice@example.com that is example.com. You need to own it and manage its DNS records.</source>
        <translation>Der Teil nach dem @ in Ihren Adressen: bei alice@example.com ist das example.com. Sie müssen sie besitzen und ihre DNS-Einträge verwalten können.</translation>
    </message>
    <message>
        <source>for example example.com</source>
        <translation>zum Beispiel example.com</translation>
    </message>
    <message>
        <source>&amp;Domain:</source>
        <translation>&amp;Domain:</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a domain name: %2</source>
        <translation>„%1“ ist kein Domainname: %2</translation>
    </message>
    <message>
        <source>You need a domain registered in your name and access to its DNS settings at your registrar or DNS provider: the next page lists the records to enter there. A domain whose mail is handled elsewhere today keeps going there until you change its MX record.

More domains, quotas and limits can be added later on the Domains page of the main window.</source>
        <translation>Sie brauchen eine auf Sie registrierte Domain und Zugang zu ihren DNS-Einstellungen bei Ihrem Registrar oder DNS-Anbieter: Die nächste Seite listet die Einträge, die Sie dort eintragen. Eine Domain, deren Mail heute anderswo ankommt, bleibt dabei, bis Sie ihren MX-Eintrag ändern.

Weitere Domains, Kontingente und Grenzen lassen sich später auf der Seite Domains des Hauptfensters einrichten.</translation>
    </message>
</context>
<context>
    <name>mailstead::app::DomainTableModel</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n Nachricht</numerusform>
            <numerusform>%n Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domain</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation>Postfächer</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>Aliasse</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>Kontingent</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Belegt</translation>
    </message>
    <message>
        <source>Alias domains</source>
        <translation>Alias-Domains</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>mailstead::app::DomainsPage</name>
    <message>
        <source>&amp;Add domain…</source>
        <translation>Domain &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen …</translation>
    </message>
    <message>
        <source>Alias domains</source>
        <translation>Alias-Domains</translation>
    </message>
    <message>
        <source>Add a&amp;lias domain…</source>
        <translation>A&amp;lias-Domain hinzufügen …</translation>
    </message>
    <message>
        <source>Remo&amp;ve alias domain…</source>
        <translation>Alias-Domain ent&amp;fernen …</translation>
    </message>
    <message>
        <source>Remove the domain %1? Mail to its addresses will be refused.</source>
        <translation>Domain %1 entfernen? E-Mail an ihre Adressen wird dann abgewiesen.</translation>
    </message>
    <message numerus="yes">
        <source>Its %n mailbox(es) and all the mail in them will be deleted too, as will its aliases and alias domains.</source>
        <translation>
            <numerusform>Ihr %n Postfach und alle E-Mails darin werden ebenfalls gelöscht, ebenso ihre Aliasse und Alias-Domains.</numerusform>
            <numerusform>Ihre %n Postfächer und alle E-Mails darin werden ebenfalls gelöscht, ebenso ihre Aliasse und Alias-Domains.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove domain</source>
        <translation>Domain entfernen</translation>
    </message>
    <message>
        <source>Remove alias domain</source>
        <translation>Alias-Domain entfernen</translation>
    </message>
    <message>
        <source>Remove the alias domain %1? Mail to its addresses will no longer reach %2.</source>
        <translation>Alias-Domain %1 entfernen? E-Mail an ihre Adressen erreicht %2 dann nicht mehr.</translation>
    </message>
</context>
<context>
    <name>mailstead::app::HostnamePage</name>
    <message>
        <source>Host name</source>
        <translation>Hostname</translation>
    </message>
    <message>
        <source>The full name of this server on the internet, such as mail.example.com. Other mail servers and your mail programs connect to it.</source>
        <translation>Der vollständige Name dieses Servers im Internet, etwa mail.example.com. Andere Mailserver und Ihre Mailprogramme verbinden sich damit.</translation>
    </message>
    <message>
        <source>for example mail.example.com</source>
        <translation>zum Beispiel mail.example.com</translation>
    </message>
    <message>
        <source>&amp;Check DNS</source>
        <translation>DNS &amp;prüfen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Should be</source>
        <translation>Soll</translation>
    </message>
    <message>
        <source>&amp;Host name:</source>
        <translation>&amp;Hostname:</translation>
    </message>
    <message>
        <source>This machine&apos;s &amp;addresses:</source>
        <translation>&amp;Adressen dieses Rechners:</translation>
    </message>
    <message>
        <source>%1 (private: reachable only in your network)</source>
        <translation>%1 (privat: nur in Ihrem Netz erreichbar)</translation>
    </message>
    <message>
        <source>%1 (public)</source>
        <translation>%1 (öffentlich)</translation>
    </message>
    <message>
        <source>No address besides the loopback address.</source>
        <translation>Keine Adresse außer der Loopback-Adresse.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s host name.</source>
        <translation>Geben Sie den Hostnamen des Servers ein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid host name: %2</source>
        <translation>„%1“ ist kein gültiger Hostname: %2</translation>
    </message>
    <message>
        <source>Other servers cannot reach &quot;%1&quot;; enter the name this machine has on the internet.</source>
        <translation>Andere Server können „%1“ nicht erreichen; geben Sie den Namen ein, den dieser Rechner im Internet hat.</translation>
    </message>
    <message>
        <source>The server currently calls itself %1. To change that, set &quot;hostname = %2&quot; in the [general] section of its configuration file and restart it.</source>
        <translation>Der Server nennt sich derzeit %1. Um das zu ändern, setzen Sie „hostname = %2“ im Abschnitt [general] seiner Konfigurationsdatei und starten ihn neu.</translation>
    </message>
    <message>
        <source>Looking up the host name&apos;s records…</source>
        <translation>Die Einträge des Hostnamens werden nachgeschlagen…</translation>
    </message>
    <message>
        <source>Checked the records of %1.</source>
        <translation>Die Einträge von %1 wurden geprüft.</translation>
    </message>
    <message>
        <source>Check whether the name points to this server (A/AAAA) and each address points back to the name (PTR).</source>
        <translation>Prüfen, ob der Name auf diesen Server zeigt (A/AAAA) und jede Adresse zurück auf den Namen (PTR).</translation>
    </message>
</context>
<context>
    <name>mailstead::app::IpcEditDialog</name>
    <message>
        <source>Unlimited (or a size such as 500M, 2G)</source>
        <translation>Unbegrenzt (oder eine Größe wie 500M, 2G)</translation>
    </message>
    <message>
        <source>Sizes count in powers of 1024: 1G is 1024 MiB. Empty or 0 means unlimited.</source>
        <translation>Größen zählen in Potenzen von 1024: 1G sind 1024 MiB. Leer oder 0 bedeutet unbegrenzt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a size; write a number with an optional unit, such as 500M or 2G.</source>
        <translation>„%1“ ist keine Größe; schreiben Sie eine Zahl mit optionaler Einheit, etwa 500M oder 2G.</translation>
    </message>
</context>
<context>
    <name>mailstead::app::JsonTableModel</name>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
</context>
<context>
    <name>mailstead::app::LogPage</name>
    <message>
        <source>Output of a daemon started by Mailstead, or the log a running daemon sends.</source>
        <translation>Ausgabe eines von Mailstead gestarteten Dienstes oder das Protokoll, das ein laufender Dienst sendet.</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Nothing logged yet.</source>
        <translation>Noch nichts protokolliert.</translation>
    </message>
</context>
<context>
    <name>mailstead::app::MailboxDialog</name>
    <message>
        <source>Add mailbox</source>
        <translation>Postfach hinzufügen</translation>
    </message>
    <message>
        <source>alice</source>
        <translation>alice</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Edit mailbox %1</source>
        <translation>Postfach %1 bearbeiten</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Alice Example</source>
        <translation>Alice Beispiel</translation>
    </message>
    <message>
        <source>&amp;Enabled: receives mail and may log in</source>
        <translation>Ak&amp;tiv: empfängt E-Mail und darf sich anmelden</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Quota:</source>
        <translation>&amp;Kontingent:</translation>
    </message>
    <message>
        <source>Enter the part of the address before the @.</source>
        <translation>Geben Sie den Teil der Adresse vor dem @ ein.</translation>
    </message>
    <message>
        <source>Add a domain first.</source>
        <translation>Legen Sie zuerst eine Domain an.</translation>
    </message>
    <message>
        <source>Enter a password or generate one.</source>
        <translation>Geben Sie ein Passwort ein oder erzeugen Sie eines.</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>&amp;Adresse:</translation>
    </message>
</context>
<context>
    <name>mailstead::app::MailboxPage</name>
    <message>
        <source>Your first mailbox</source>
        <translation>Ihr erstes Postfach</translation>
    </message>
    <message>
        <source>The address you will read mail at, and the password your mail programs log in with.</source>
        <translation>Die Adresse, unter der Sie Mail lesen, und das Passwort, mit dem sich Ihre Mailprogramme anmelden.</translation>
    </message>
    <message>
        <source>for example alice</source>
        <translation>zum Beispiel alice</translation>
    </message>
    <message>
        <source>for example Alice Baker</source>
        <translation>zum Beispiel Alice Becker</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>The password needs at least %1 characters.</source>
        <translation>Das Passwort braucht mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <source>This password is easy to guess. Make it longer, mix in other kinds of characters, or press Generate.</source>
        <translation>Dieses Passwort ist leicht zu erraten. Machen Sie es länger, mischen Sie andere Zeichenarten hinein oder drücken Sie Erzeugen.</translation>
    </message>
    <message>
        <source>Your mail programs ask for this password once. Keep it in your password manager: Mailstead stores only a hash of it and cannot show it again. More mailboxes and aliases can be added later in the main window.</source>
        <translation>Ihre Mailprogramme fragen einmal nach diesem Passwort. Bewahren Sie es in Ihrem Passwortmanager auf: Mailstead speichert nur einen Hash davon und kann es nicht wieder anzeigen. Weitere Postfächer und Aliasse lassen sich später im Hauptfenster anlegen.</translation>
    </message>
</context>
<context>
    <name>mailstead::app::MailboxTableModel</name>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>Kontingent</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Belegt</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>mailstead::app::MailboxesPage</name>
    <message>
        <source>Search addresses and names</source>
        <translation>Adressen und Namen durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Suchen:</translation>
    </message>
    <message>
        <source>&amp;Add mailbox…</source>
        <translation>Postfach &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>New &amp;password…</source>
        <translation>Neues &amp;Passwort …</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen …</translation>
    </message>
    <message>
        <source>E&amp;nable</source>
        <translation>A&amp;ktivieren</translation>
    </message>
    <message>
        <source>Refuse mail and logins for this mailbox; its mail is kept.</source>
        <translation>E-Mail und Anmeldungen für dieses Postfach abweisen; die E-Mails bleiben erhalten.</translation>
    </message>
    <message>
        <source>Accept mail and logins for this mailbox again.</source>
        <translation>E-Mail und Anmeldungen für dieses Postfach wieder annehmen.</translation>
    </message>
    <message>
        <source>Remove mailbox</source>
        <translation>Postfach entfernen</translation>
    </message>
    <message numerus="yes">
        <source>Remove the mailbox %1 and delete its %n message(s)? This cannot be undone.</source>
        <translation>
            <numerusform>Postfach %1 entfernen und seine %n Nachricht löschen? Das lässt sich nicht rückgängig machen.</numerusform>
            <numerusform>Postfach %1 entfernen und seine %n Nachrichten löschen? Das lässt sich nicht rückgängig machen.</numerusform>
        </translation>
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
        <source>Restart daemon</source>
        <translation>Dienst neu starten</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Domains</source>
        <translation>Domains</translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation>Postfächer</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>Aliasse</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>&amp;Mailstead</source>
        <translation>&amp;Mailstead</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>Stop the daemon that Mailstead started and start it again.</source>
        <translation>Den von Mailstead gestarteten Dienst beenden und erneut starten.</translation>
    </message>
    <message>
        <source>Start service</source>
        <translation>Systemdienst starten</translation>
    </message>
    <message>
        <source>Stop service</source>
        <translation>Systemdienst beenden</translation>
    </message>
    <message>
        <source>Restart service</source>
        <translation>Systemdienst neu starten</translation>
    </message>
    <message>
        <source>Start the system service %1 (asks for an administrator&apos;s password).</source>
        <translation>Den Systemdienst %1 starten (fragt nach einem Administratorpasswort).</translation>
    </message>
    <message>
        <source>Stop the system service %1 (asks for an administrator&apos;s password).</source>
        <translation>Den Systemdienst %1 beenden (fragt nach einem Administratorpasswort).</translation>
    </message>
    <message>
        <source>Restart the system service %1 (asks for an administrator&apos;s password).</source>
        <translation>Den Systemdienst %1 neu starten (fragt nach einem Administratorpasswort).</translation>
    </message>
    <message>
        <source>Only a daemon started by Mailstead can be stopped here.</source>
        <translation>Hier lässt sich nur ein von Mailstead gestarteter Dienst beenden.</translation>
    </message>
    <message>
        <source>Only a daemon started by Mailstead can be restarted here.</source>
        <translation>Hier lässt sich nur ein von Mailstead gestarteter Dienst neu starten.</translation>
    </message>
    <message>
        <source>Run setup &amp;wizard…</source>
        <translation>Einrichtungs&amp;assistent…</translation>
    </message>
</context>
<context>
    <name>mailstead::app::PasswordField</name>
    <message>
        <source>No password</source>
        <translation>Kein Passwort</translation>
    </message>
    <message>
        <source>Too short (at least %1 characters)</source>
        <translation>Zu kurz (mindestens %1 Zeichen)</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>Schwach</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>Stark</translation>
    </message>
    <message>
        <source>Very strong</source>
        <translation>Sehr stark</translation>
    </message>
    <message>
        <source>At least %1 characters</source>
        <translation>Mindestens %1 Zeichen</translation>
    </message>
    <message>
        <source>S&amp;how</source>
        <translation>&amp;Zeigen</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Erzeugen</translation>
    </message>
    <message>
        <source>Fill in a random password of %1 characters.</source>
        <translation>Ein zufälliges Passwort mit %1 Zeichen eintragen.</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>Kopie&amp;ren</translation>
    </message>
    <message>
        <source>Copy the password to the clipboard.</source>
        <translation>Das Passwort in die Zwischenablage kopieren.</translation>
    </message>
</context>
<context>
    <name>mailstead::app::ResetPasswordDialog</name>
    <message>
        <source>New password for %1</source>
        <translation>Neues Passwort für %1</translation>
    </message>
    <message>
        <source>New &amp;password:</source>
        <translation>Neues &amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Set password</source>
        <translation>Passwort &amp;setzen</translation>
    </message>
    <message>
        <source>Enter a password or generate one.</source>
        <translation>Geben Sie ein Passwort ein oder erzeugen Sie eines.</translation>
    </message>
</context>
<context>
    <name>mailstead::app::SecretStore</name>
    <message>
        <source>The keychain refused the request (error %1).</source>
        <translation>Der Schlüsselbund hat die Anfrage abgelehnt (Fehler %1).</translation>
    </message>
</context>
<context>
    <name>mailstead::app::ServiceController</name>
    <message>
        <source>The authentication dialog was dismissed (pkexec exit code %1).</source>
        <translation>Der Anmeldedialog wurde abgebrochen (pkexec-Exit-Code %1).</translation>
    </message>
    <message>
        <source>Not authorized, or the authentication failed (pkexec exit code %1).</source>
        <translation>Nicht berechtigt, oder die Anmeldung ist fehlgeschlagen (pkexec-Exit-Code %1).</translation>
    </message>
    <message>
        <source>%1 exited with code %2.</source>
        <translation>%1 endete mit Code %2.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>nicht installiert</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>maskiert</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>wird beendet</translation>
    </message>
    <message>
        <source>reloading</source>
        <translation>lädt neu</translation>
    </message>
    <message>
        <source>%1, process %2</source>
        <translation>%1, Prozess %2</translation>
    </message>
    <message>
        <source>Could not run %1: %2</source>
        <translation>%1 konnte nicht ausgeführt werden: %2</translation>
    </message>
    <message>
        <source>Install pkexec (package pkexec) or run &quot;%1&quot; as root.</source>
        <translation>Installieren Sie pkexec (Paket pkexec) oder führen Sie „%1“ als root aus.</translation>
    </message>
    <message>
        <source>%1 crashed.</source>
        <translation>%1 ist abgestürzt.</translation>
    </message>
</context>
<context>
    <name>mailstead::app::SettingsDialog</name>
    <message>
        <source>Mailstead settings</source>
        <translation>Mailstead-Einstellungen</translation>
    </message>
    <message>
        <source>System language (%1)</source>
        <translation>Systemsprache (%1)</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>A new language applies when Mailstead starts again.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start von Mailstead.</translation>
    </message>
    <message>
        <source>&amp;Keep running in the system tray when the window is closed</source>
        <translation>Beim Schließen des Fensters im &amp;Systembereich weiterlaufen</translation>
    </message>
    <message>
        <source>This desktop has no system tray at the moment; closing the window quits Mailstead.</source>
        <translation>Diese Arbeitsumgebung hat derzeit keinen Systembereich; das Schließen des Fensters beendet Mailstead.</translation>
    </message>
</context>
<context>
    <name>mailstead::app::SetupWizard</name>
    <message>
        <source>Set up Mailstead</source>
        <translation>Mailstead einrichten</translation>
    </message>
    <message>
        <source>Close the wizard; it starts again on this page next time.</source>
        <translation>Den Assistenten schließen; beim nächsten Mal beginnt er wieder auf dieser Seite.</translation>
    </message>
</context>
<context>
    <name>mailstead::app::SmtpTestClient</name>
    <message>
        <source>The server did not answer within %1 seconds.</source>
        <translation>Der Server hat nicht innerhalb von %1 Sekunden geantwortet.</translation>
    </message>
    <message>
        <source>The server sent something that is not an SMTP reply: %1</source>
        <translation>Der Server hat etwas gesendet, das keine SMTP-Antwort ist: %1</translation>
    </message>
    <message>
        <source>The server sent a line longer than %1 bytes.</source>
        <translation>Der Server hat eine Zeile länger als %1 Bytes gesendet.</translation>
    </message>
</context>
<context>
    <name>mailstead::app::StatusPage</name>
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
</context>
<context>
    <name>mailstead::app::SummaryPage</name>
    <message>
        <source>Ready</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Your mail server is set up. Enter these settings in Thunderbird, Outlook or your phone&apos;s mail app.</source>
        <translation>Ihr Mailserver ist eingerichtet. Tragen Sie diese Einstellungen in Thunderbird, Outlook oder der Mail-App Ihres Telefons ein.</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Send a &amp;test message</source>
        <translation>&amp;Testnachricht senden</translation>
    </message>
    <message>
        <source>User name: %1
Password: the one you chose for this mailbox
Server: %2</source>
        <translation>Benutzername: %1
Passwort: das für dieses Postfach gewählte
Server: %2</translation>
    </message>
    <message>
        <source>Incoming mail (IMAP)</source>
        <translation>Eingehende Mail (IMAP)</translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>Incoming mail (POP3)</source>
        <translation>Eingehende Mail (POP3)</translation>
    </message>
    <message>
        <source>Outgoing mail (SMTP)</source>
        <translation>Ausgehende Mail (SMTP)</translation>
    </message>
    <message>
        <source>The server has no smtp listener to receive a test message.</source>
        <translation>Der Server hat keinen SMTP-Listener, der eine Testnachricht empfangen könnte.</translation>
    </message>
    <message>
        <source>Automatic configuration: off (the server has no http listener). Enter the settings above by hand.</source>
        <translation>Automatische Konfiguration: aus (der Server hat keinen HTTP-Listener). Tragen Sie die Einstellungen oben von Hand ein.</translation>
    </message>
    <message>
        <source>Checking automatic configuration…</source>
        <translation>Automatische Konfiguration wird geprüft…</translation>
    </message>
    <message>
        <source>Automatic configuration: on. Thunderbird and other programs that ask autoconfig.%1 fill in these settings themselves once its DNS record is published.</source>
        <translation>Automatische Konfiguration: an. Thunderbird und andere Programme, die autoconfig.%1 fragen, tragen diese Einstellungen selbst ein, sobald dessen DNS-Eintrag veröffentlicht ist.</translation>
    </message>
    <message>
        <source>Automatic configuration does not answer (%1); enter the settings by hand.</source>
        <translation>Die automatische Konfiguration antwortet nicht (%1); tragen Sie die Einstellungen von Hand ein.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Mailstead test message</source>
        <translation>Mailstead-Testnachricht</translation>
    </message>
    <message>
        <source>This message was sent by the Mailstead setup wizard to check that your server receives mail. You can delete it.
</source>
        <translation>Diese Nachricht hat der Mailstead-Einrichtungsassistent gesendet, um zu prüfen, ob Ihr Server Mail empfängt. Sie können sie löschen.
</translation>
    </message>
    <message>
        <source>The server refused the message: %1</source>
        <translation>Der Server hat die Nachricht abgelehnt: %1</translation>
    </message>
    <message>
        <source>Sent; waiting for it to arrive…</source>
        <translation>Gesendet; warte auf die Zustellung…</translation>
    </message>
    <message>
        <source>The server accepted the message, but it did not arrive in the mailbox within %1 seconds.</source>
        <translation>Der Server hat die Nachricht angenommen, aber sie ist nicht innerhalb von %1 Sekunden im Postfach angekommen.</translation>
    </message>
    <message>
        <source>The test message arrived in the inbox of %1.</source>
        <translation>Die Testnachricht ist im Posteingang von %1 angekommen.</translation>
    </message>
</context>
<context>
    <name>mailstead::app::TrayController</name>
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
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>&amp;Open Mailstead</source>
        <translation>Mailstead ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Start daemon</source>
        <translation>Dienst &amp;starten</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Mailstead: error</source>
        <translation>Mailstead: Fehler</translation>
    </message>
    <message>
        <source>Mailstead: warning</source>
        <translation>Mailstead: Warnung</translation>
    </message>
    <message>
        <source>Mailstead is healthy again</source>
        <translation>Mailstead läuft wieder einwandfrei</translation>
    </message>
    <message>
        <source>Mailstead: %1</source>
        <translation>Mailstead: %1</translation>
    </message>
    <message>
        <source>Mailstead daemon stopped</source>
        <translation>Mailstead-Dienst beendet</translation>
    </message>
    <message>
        <source>The mail server is not running; no mail is received.</source>
        <translation>Der Mailserver läuft nicht; es wird keine E-Mail empfangen.</translation>
    </message>
    <message>
        <source>S&amp;top daemon</source>
        <translation>Dienst &amp;beenden</translation>
    </message>
    <message>
        <source>Domains: %1, mailboxes: %2, aliases: %3</source>
        <translation>Domains: %1, Postfächer: %2, Aliasse: %3</translation>
    </message>
    <message>
        <source>The mail server reports a problem; the Status page and the Log page have the details.</source>
        <translation>Der Mailserver meldet ein Problem; Einzelheiten stehen auf den Seiten Status und Protokoll.</translation>
    </message>
    <message>
        <source>The mail server reports no problems.</source>
        <translation>Der Mailserver meldet keine Probleme.</translation>
    </message>
    <message>
        <source>S&amp;top service</source>
        <translation>Systemdienst &amp;beenden</translation>
    </message>
    <message>
        <source>&amp;Start service</source>
        <translation>Systemdienst &amp;starten</translation>
    </message>
</context>
<context>
    <name>mailstead::app::UsageBarDelegate</name>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1 (%2 %)</translation>
    </message>
</context>
<context>
    <name>mailstead::app::WelcomePage</name>
    <message>
        <source>There is no installed service here: %1 does not exist. Install Mailstead&apos;s mailsteadd service and start it, or choose local mode.</source>
        <translation>Hier ist kein installierter Dienst vorhanden: %1 existiert nicht. Installieren und starten Sie den Dienst mailsteadd von Mailstead oder wählen Sie den lokalen Modus.</translation>
    </message>
    <message>
        <source>Connecting to the installed service at %1…</source>
        <translation>Verbindung zum installierten Dienst unter %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>Welcome to Mailstead</source>
        <translation>Willkommen bei Mailstead</translation>
    </message>
    <message>
        <source>A few questions, and this computer runs a mail server for your domain. First: where should the server run?</source>
        <translation>Ein paar Fragen, und dieser Rechner betreibt einen Mailserver für Ihre Domain. Zuerst: Wo soll der Server laufen?</translation>
    </message>
    <message>
        <source>&amp;Here, started by this app (local mode)</source>
        <translation>&amp;Hier, von dieser App gestartet (lokaler Modus)</translation>
    </message>
    <message>
        <source>The &amp;installed service on this machine (systemd)</source>
        <translation>Der &amp;installierte Dienst auf diesem Rechner (systemd)</translation>
    </message>
    <message>
        <source>&amp;Start the local server</source>
        <translation>Lokalen Server &amp;starten</translation>
    </message>
    <message>
        <source>The app starts the mail server for you and stops it when you quit. Its data stays in your home folder and it listens on the usual ports plus 10000 (10025 for SMTP, 10993 for IMAP), so it needs no administrator rights. Good for trying Mailstead out; other servers reach it only if you forward the standard ports to it.</source>
        <translation>Die App startet den Mailserver für Sie und beendet ihn, wenn Sie sie schließen. Seine Daten bleiben in Ihrem Home-Ordner, und er lauscht auf den üblichen Ports plus 10000 (10025 für SMTP, 10993 für IMAP), braucht also keine Administratorrechte. Gut zum Ausprobieren; andere Server erreichen ihn nur, wenn Sie die Standardports an ihn weiterleiten.</translation>
    </message>
    <message>
        <source>The mailsteadd service installed on this machine runs without the app, starts at boot and listens on the standard ports (25, 587, 465, 993, 995). Choose this for a real mail server. Start it with &quot;sudo systemctl start mailsteadd&quot; if it is not running yet.</source>
        <translation>Der auf diesem Rechner installierte Dienst mailsteadd läuft ohne die App, startet beim Hochfahren und lauscht auf den Standardports (25, 587, 465, 993, 995). Wählen Sie das für einen echten Mailserver. Starten Sie ihn mit „sudo systemctl start mailsteadd“, falls er noch nicht läuft.</translation>
    </message>
    <message>
        <source>Connected to the server this app started (%1).</source>
        <translation>Verbunden mit dem Server, den diese App gestartet hat (%1).</translation>
    </message>
    <message>
        <source>Connected to the server at %1; the wizard sets up this one.</source>
        <translation>Verbunden mit dem Server unter %1; der Assistent richtet diesen ein.</translation>
    </message>
    <message>
        <source>Waiting for the local server to start…</source>
        <translation>Warte auf den Start des lokalen Servers…</translation>
    </message>
    <message>
        <source>No server is running yet. Start the local one to continue.</source>
        <translation>Noch läuft kein Server. Starten Sie den lokalen, um fortzufahren.</translation>
    </message>
    <message>
        <source>The installed service does not answer at %1. Start it, then wait here.</source>
        <translation>Der installierte Dienst antwortet nicht unter %1. Starten Sie ihn und warten Sie hier.</translation>
    </message>
    <message>
        <source>Then the wizard asks for the server&apos;s host name and your mail domain, shows the DNS records to publish, sets up a certificate and your first mailbox, and ends with the settings for your mail programs and a test message. You can close it at any time and continue where you left off.</source>
        <translation>Danach fragt der Assistent nach dem Hostnamen des Servers und Ihrer Mail-Domain, zeigt die zu veröffentlichenden DNS-Einträge, richtet ein Zertifikat und Ihr erstes Postfach ein und endet mit den Einstellungen für Ihre Mailprogramme und einer Testnachricht. Sie können ihn jederzeit schließen und später dort weitermachen.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Desktop manager for the Mailstead mail server.</source>
        <translation>Desktop-Verwaltung für den Mailserver Mailstead.</translation>
    </message>
    <message>
        <source>Open on PAGE: status, domains, mailboxes, aliases or log.</source>
        <translation>Mit SEITE öffnen: status, domains, mailboxes, aliases oder log.</translation>
    </message>
    <message>
        <source>Start in the tray, without a window.</source>
        <translation>Im Systembereich starten, ohne Fenster.</translation>
    </message>
</context>
</TS>
