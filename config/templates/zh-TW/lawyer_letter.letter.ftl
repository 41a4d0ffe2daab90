<#include "_lib.ftli">
<#-- 律師函：由 hub.law-firm.* 所配置的律師事務所受貸款機構委託發出。僅以掛號信寄給借款人本人，不得張貼或公開展示。 -->
<#assign historyIntro = "據委任人紀錄，委任人此前就該筆欠款向您發出的通知：">
致${who}之律師函
發函：${lawFirm.name}（受${lender.name}委託）
編號：${notice.reference}

${who} 臺鑒：

本所受${lender.name}（以下簡稱「委任人」）委託，就您向委任人之貸款（貸款編號${installment.loanIdMasked}）事宜，致函如下。${relationship()}

根據委任人提供的紀錄，截至${date(notice.date)}，該筆欠款已逾期${debt.dpd}天：

<#include "_amounts.ftli">
<#include "_history.ftli">

受委任人委託，本所特此函請您於${date(notice.deadline)}前清償上述款項合計${amount(debt.amountDue)}，或在該日期前與委任人或本所聯絡，協商還款方式。

如在上述期限前該筆欠款既未還清、也未達成還款安排，委任人已委託本所評估依法提起訴訟，追償上述欠款以及貸款契約約定和法律允許的利息與費用。任何訴訟均須由法院依法審理和裁判；本函並非法院文書。

您可透過${payLink()}、「${lender.appName}」App線上還款，或以銀行匯款方式還款並在附言中註明${notice.reference}。如您對該筆欠款有異議或已經還款，請以書面形式告知本所或委任人，並註明上述編號；本所將在採取任何進一步行動之前核對相關紀錄。

聯絡方式：
- ${lawFirm.name}<#if lawFirm.lawyer??>，${lawFirm.lawyer}律師</#if>：<#if lawFirm.phone??>${lawFirm.phone}</#if><#if lawFirm.phone?? && lawFirm.email??>，</#if><#if lawFirm.email??>${lawFirm.email}</#if>
- ${lender.name}：${lender.hotline}，${lender.email}
- 申訴管道：${lender.complaints}

特此函告。

<#if lawFirm.lawyer??>${lawFirm.lawyer}律師
</#if>${lawFirm.name}
<#if lawFirm.address??>${lawFirm.address?replace("\n", " ")}
</#if>${date(notice.date)}
