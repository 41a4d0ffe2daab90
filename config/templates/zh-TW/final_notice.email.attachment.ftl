<#-- 最後通知同時以PDF信函的形式作為郵件附件發送。 -->
<#include "final_notice.letter.ftl">
