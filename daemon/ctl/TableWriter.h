// TableWriter.h - plain-text tables and "key: value" blocks for mailsteadctl
//
// Columns are padded by the display width of their text on a terminal, so
// names in U-label form ("bücher.example"), combining marks and East Asian
// wide characters still line up. Control characters in cells are replaced:
// cell text comes from the daemon and may carry terminal escape sequences.
#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace mailstead::ctl {

class TableWriter {
public:
    enum class Align { Left, Right };

    explicit TableWriter(const QStringList &headers);

    void setAlignment(int column, Align align);
    // Rows shorter than the header are padded with empty cells; extra cells
    // are dropped.
    void addRow(const QStringList &cells);
    int rowCount() const { return int(m_rows.size()); }

    // Header line, then one line per row; every line ends with "\n" and has
    // no trailing spaces.
    QString toString() const;

    // Number of terminal columns the text occupies (wcwidth-like: combining
    // and zero-width characters 0, East Asian wide and fullwidth 2).
    static int displayWidth(const QString &text);
    // Replaces C0/C1 control characters (including ESC) with U+FFFD.
    static QString sanitize(const QString &text);

private:
    QStringList m_headers;
    QList<Align> m_alignments;
    QList<QStringList> m_rows;
};

using Field = QPair<QString, QString>;

// "Key:   value" lines, values aligned one column after the longest key.
QString formatFields(const QList<Field> &fields);

} // namespace mailstead::ctl
