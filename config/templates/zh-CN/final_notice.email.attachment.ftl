<#-- 最后通知同时以PDF信函的形式作为邮件附件发送。 -->
<#include "final_notice.letter.ftl">
