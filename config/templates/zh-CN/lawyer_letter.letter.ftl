<#include "_lib.ftli">
<#-- 律师函：由 hub.law-firm.* 所配置的律师事务所受出借人委托发出。仅以挂号信寄给借款人本人，不得张贴或公开展示。 -->
<#assign historyIntro = "据委托人记录，委托人此前就该笔欠款向您发出的通知：">
致${who}的律师函
发函：${lawFirm.name}（受${lender.name}委托）
编号：${notice.reference}

${who}：

本所受${lender.name}（以下简称“委托人”）委托，就您在委托人处的借款（借款编号${installment.loanIdMasked}）事宜，致函如下。${relationship()}

根据委托人提供的记录，截至${date(notice.date)}，该笔欠款已逾期${debt.dpd}天：

<#include "_amounts.ftli">
<#include "_history.ftli">

受委托人委托，本所请您于${date(notice.deadline)}前归还上述款项合计${amount(debt.amountDue)}，或在该日期前与委托人或本所联系，商定还款方式。

如在上述期限前该笔欠款既未还清、也未达成还款安排，委托人已委托本所研究依法提起诉讼，追偿上述欠款以及借款合同约定和法律允许的利息与费用。任何诉讼均须由法院依法审理和裁判；本函并非法院文书。

您可通过${payLink()}、“${lender.appName}”App在线还款，或以银行转账方式还款并在附言中注明${notice.reference}。如您对该笔欠款有异议或已经还款，请以书面形式告知本所或委托人，并注明上述编号；本所将在采取任何进一步行动之前核对相关记录。

联系方式：
- ${lawFirm.name}<#if lawFirm.lawyer??>，${lawFirm.lawyer}律师</#if>：<#if lawFirm.phone??>${lawFirm.phone}</#if><#if lawFirm.phone?? && lawFirm.email??>，</#if><#if lawFirm.email??>${lawFirm.email}</#if>
- ${lender.name}：${lender.hotline}，${lender.email}
- 投诉渠道：${lender.complaints}

特此函告。

<#if lawFirm.lawyer??>${lawFirm.lawyer}律师
</#if>${lawFirm.name}
<#if lawFirm.address??>${lawFirm.address?replace("\n", " ")}
</#if>${date(notice.date)}
