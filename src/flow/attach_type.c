/* The type of an attachment from its content (attach.h): the formats offices
 * scan and sign to, and nothing that runs. */
#include "attach.h"

#include <string.h>

static int starts(const unsigned char *p, size_t n, const char *magic, size_t m)
{
    return n >= m && memcmp(p, magic, m) == 0;
}

/* Is the byte string s anywhere in p[0..n)? */
static int contains(const unsigned char *p, size_t n, const char *s)
{
    size_t m = strlen(s);
    for (size_t i = 0; m && i + m <= n; i++)
        if (p[i] == (unsigned char)s[0] && memcmp(p + i, s, m) == 0) return 1;
    return 0;
}

#define KNOWN "chỉ nhận PDF, JPEG, PNG, TIFF, DOCX, XLSX, ODT, DOC"

/* The formats known by their first bytes. */
static const struct { const char *magic; size_t len; const char *mime, *name; } known[] = {
    {"%PDF-", 5, "application/pdf", "PDF"},
    {"\xFF\xD8\xFF", 3, "image/jpeg", "JPEG"},
    {"\x89PNG\r\n\x1A\n", 8, "image/png", "PNG"},
    {"II*\0", 4, "image/tiff", "TIFF"},
    {"MM\0*", 4, "image/tiff", "TIFF"},
    {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, "application/msword", "DOC"},
};
/* The formats inside a ZIP file (zip_type). */
static const struct { const char *mime, *name; } zipped[] = {
    {"application/vnd.oasis.opendocument.text", "ODT"},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"},
};

const char *attach_type_name(const char *mime)
{
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(known[i].mime, mime) == 0) return known[i].name;
    for (size_t i = 0; i < sizeof zipped / sizeof zipped[0]; i++)
        if (strcmp(zipped[i].mime, mime) == 0) return zipped[i].name;
    return mime;
}

static int zip_type(const unsigned char *p, size_t n, const char **mime, const char **name,
                    st_err *e)
{
    /* An OpenDocument text begins with its stored "mimetype" entry. */
    if (n > 80 && memcmp(p + 30, "mimetype", 8) == 0 &&
        starts(p + 38, n - 38, "application/vnd.oasis.opendocument.text", 39) &&
        (n == 77 || p[77] != '-')) {
        *mime = zipped[0].mime;
        *name = zipped[0].name;
        return ST_OK;
    }
    int ooxml = contains(p, n, "[Content_Types].xml");
    if (ooxml && contains(p, n, "vbaProject.bin"))
        return err_set(e, ST_EINVAL, "Tệp Office có macro (vbaProject.bin) không được đính "
                       "kèm; hãy lưu lại dạng DOCX/XLSX thường hoặc PDF");
    if (ooxml && contains(p, n, "word/document.xml")) {
        *mime = zipped[1].mime;
        *name = zipped[1].name;
        return ST_OK;
    }
    if (ooxml && contains(p, n, "xl/workbook.xml")) {
        *mime = zipped[2].mime;
        *name = zipped[2].name;
        return ST_OK;
    }
    return err_set(e, ST_EINVAL, "Tệp nén ZIP không phải văn bản DOCX, XLSX hoặc ODT; " KNOWN);
}

int attach_sniff(const unsigned char *p, size_t n, const char **mime, const char **name,
                 st_err *e)
{
    static const struct { const char *magic; size_t len; const char *what; } programs[] = {
        {"\x7F" "ELF", 4, "chương trình Linux (ELF)"},
        {"MZ", 2, "chương trình Windows (EXE, DLL)"},
        {"#!", 2, "tập lệnh (script)"},
        {"\xFE\xED\xFA\xCE", 4, "chương trình macOS"},
        {"\xFE\xED\xFA\xCF", 4, "chương trình macOS"},
        {"\xCF\xFA\xED\xFE", 4, "chương trình macOS"},
        {"\xCA\xFE\xBA\xBE", 4, "chương trình Java hoặc macOS"},
    };
    *mime = *name = NULL;
    if (n == 0) return err_set(e, ST_EINVAL, "Tệp rỗng: không có gì để đính kèm");
    for (size_t i = 0; i < sizeof programs / sizeof programs[0]; i++)
        if (starts(p, n, programs[i].magic, programs[i].len))
            return err_set(e, ST_EINVAL, "Tệp là %s: không được đính kèm; " KNOWN,
                           programs[i].what);
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (starts(p, n, known[i].magic, known[i].len)) {
            *mime = known[i].mime;
            *name = known[i].name;
            return ST_OK;
        }
    if (starts(p, n, "PK\3\4", 4)) return zip_type(p, n, mime, name, e);
    return err_set(e, ST_EINVAL, "Không nhận ra loại tệp theo nội dung; " KNOWN);
}
