<#include "_lib.ftli">
${dear}

提醒您，您的貸款（貸款編號${installment.loanIdMasked}）有${amount(debt.amountDue)}應還款項我們尚未收到。其中最早一期應於${date(debt.oldestDueDate)}繳款，現已逾期${debt.dpd}天。
<#if debt.count gt 1>
上述金額包含${debt.count}期帳單：
<#list debt.installments as i>- ${date(i.dueDate)}到期：${money(i.amountDue)}
</#list></#if>
如您已經還款，感謝您的支持，請忽略本郵件；款項入帳最多可能需要一個工作天。

還款方式：
- 線上還款：${payLink()}
- 在「${lender.appName}」App中選擇「我的貸款 > 立即還款」。

如暫時還款有困難，歡迎致電${lender.hotline}或來信至${lender.email}與我們聯絡，我們願意與您協商適合您的還款計畫。

${lender.name} 敬上

--
您收到本郵件，是因為您在${lender.name}有一筆貸款。如您不希望再以電子郵件接收還款提醒，請來信至${lender.email}告知我們，或在「${lender.appName}」App的「設定 > 通知」中關閉郵件提醒。<#if notice.unsubscribe??>您也可以透過以下連結取消訂閱郵件提醒：${notice.unsubscribe}</#if>
通知編號：${notice.reference}
