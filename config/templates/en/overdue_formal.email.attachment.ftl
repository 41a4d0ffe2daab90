<#-- The formal notice also goes as a PDF letter attached to the e-mail. -->
<#include "overdue_letter.letter.ftl">
