<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
        <source>Only a daemon started by Mailstead can be stopped here; stop a system service with systemctl.</source>
        <translation>Hier lässt sich nur ein von Mailstead gestarteter Dienst beenden; einen Systemdienst beenden Sie mit systemctl.</translation>
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
        <source>Only a daemon started by Mailstead can be restarted here; restart a system service with systemctl.</source>
        <translation>Hier lässt sich nur ein von Mailstead gestarteter Dienst neu starten; einen Systemdienst starten Sie mit systemctl neu.</translation>
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
</context>
<context>
    <name>mailstead::app::UsageBarDelegate</name>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1 (%2 %)</translation>
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
