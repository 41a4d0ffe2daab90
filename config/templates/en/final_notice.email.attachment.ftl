<#-- The final notice also goes as a PDF letter attached to the e-mail. -->
<#include "final_notice.letter.ftl">
